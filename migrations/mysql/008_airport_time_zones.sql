-- Local times (issue 15): each airport carries its IANA time zone, so a departure stored in UTC
-- reads as the clock on the terminal wall, and "flights on 3 December" means that date at the origin.
--
-- The zone name is data, the offsets are not: they come from the platform's time-zone database at
-- run time (shared/localTime.ts), so a DST rule change needs no migration.
--
-- The default only keeps an INSERT that names no zone valid (older loaders, hand-written fixtures);
-- the seed loaders write every airport's real zone. Airports already loaded are backfilled here from
-- the same reference list (tools/seed/referenceData.ts), so an upgraded database is right at once.

ALTER TABLE airports ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'America/New_York';

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
