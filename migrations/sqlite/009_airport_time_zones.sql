-- Local times (issue 15): each airport carries its IANA time zone (see mysql/008_airport_time_zones.sql
-- for the why). The device mirror copies the column from the server with the rest of the row; the
-- backfill puts the real zone on airports a device or standalone database already holds.

ALTER TABLE airports ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'America/New_York';

UPDATE airports SET time_zone = CASE
  WHEN iata IN ('ANC', 'FAI') THEN 'America/Anchorage'
  WHEN iata IN ('BOI') THEN 'America/Boise'
  WHEN iata IN ('AUS', 'BHM', 'BNA', 'DAL', 'DFW', 'DSM', 'FAR', 'FSD', 'HOU', 'IAH', 'ICT', 'JAN', 'LIT', 'MCI', 'MDW', 'MEM', 'MKE', 'MSN', 'MSP', 'MSY', 'OKC', 'OMA', 'ORD', 'SAT', 'STL', 'TUL') THEN 'America/Chicago'
  WHEN iata IN ('ABQ', 'BIL', 'BZN', 'DEN', 'ELP', 'JAC', 'SLC') THEN 'America/Denver'
  WHEN iata IN ('DTW', 'GRR') THEN 'America/Detroit'
  WHEN iata IN ('IND') THEN 'America/Indiana/Indianapolis'
  WHEN iata IN ('JNU') THEN 'America/Juneau'
  WHEN iata IN ('SDF') THEN 'America/Kentucky/Louisville'
  WHEN iata IN ('BUR', 'GEG', 'LAS', 'LAX', 'OAK', 'ONT', 'PDX', 'RNO', 'SAN', 'SEA', 'SFO', 'SJC', 'SMF', 'SNA') THEN 'America/Los_Angeles'
  WHEN iata IN ('ALB', 'ATL', 'BDL', 'BOS', 'BTV', 'BUF', 'BWI', 'CHS', 'CLE', 'CLT', 'CMH', 'CRW', 'DCA', 'EWR', 'FLL', 'IAD', 'JAX', 'JFK', 'LGA', 'MCO', 'MHT', 'MIA', 'MYR', 'ORF', 'PBI', 'PHL', 'PIT', 'PVD', 'PWM', 'RDU', 'RIC', 'RSW', 'SAV', 'TPA') THEN 'America/New_York'
  WHEN iata IN ('PHX', 'TUS') THEN 'America/Phoenix'
  WHEN iata IN ('HNL', 'KOA', 'LIH', 'OGG') THEN 'Pacific/Honolulu'
  ELSE time_zone
END;
