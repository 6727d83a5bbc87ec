// Real-world reference data for the demo/bench seed: states, airports, airlines, the busiest
// domestic routes, hotel brands and rental fleets. Figures such as population, passenger volume
// and daily frequencies are approximate and only steer the generator's weights and schedules;
// names, codes and time zones are the real ones.

export interface UsStateRef {
  code: string;
  name: string;
  /** Millions of residents (approx.), the weight for where customers live. */
  population: number;
  /** A real area code of the state, for fictional 555 phone numbers. */
  areaCode: string;
}

/** All 50 states plus the District of Columbia. */
export const US_STATES: readonly UsStateRef[] = [
  { code: 'AL', name: 'Alabama', population: 5.1, areaCode: '205' },
  { code: 'AK', name: 'Alaska', population: 0.73, areaCode: '907' },
  { code: 'AZ', name: 'Arizona', population: 7.4, areaCode: '602' },
  { code: 'AR', name: 'Arkansas', population: 3.1, areaCode: '501' },
  { code: 'CA', name: 'California', population: 39.0, areaCode: '213' },
  { code: 'CO', name: 'Colorado', population: 5.9, areaCode: '303' },
  { code: 'CT', name: 'Connecticut', population: 3.6, areaCode: '203' },
  { code: 'DE', name: 'Delaware', population: 1.0, areaCode: '302' },
  { code: 'DC', name: 'District of Columbia', population: 0.68, areaCode: '202' },
  { code: 'FL', name: 'Florida', population: 22.6, areaCode: '305' },
  { code: 'GA', name: 'Georgia', population: 11.0, areaCode: '404' },
  { code: 'HI', name: 'Hawaii', population: 1.4, areaCode: '808' },
  { code: 'ID', name: 'Idaho', population: 1.96, areaCode: '208' },
  { code: 'IL', name: 'Illinois', population: 12.5, areaCode: '312' },
  { code: 'IN', name: 'Indiana', population: 6.9, areaCode: '317' },
  { code: 'IA', name: 'Iowa', population: 3.2, areaCode: '515' },
  { code: 'KS', name: 'Kansas', population: 2.9, areaCode: '316' },
  { code: 'KY', name: 'Kentucky', population: 4.5, areaCode: '502' },
  { code: 'LA', name: 'Louisiana', population: 4.6, areaCode: '504' },
  { code: 'ME', name: 'Maine', population: 1.4, areaCode: '207' },
  { code: 'MD', name: 'Maryland', population: 6.2, areaCode: '410' },
  { code: 'MA', name: 'Massachusetts', population: 7.0, areaCode: '617' },
  { code: 'MI', name: 'Michigan', population: 10.0, areaCode: '313' },
  { code: 'MN', name: 'Minnesota', population: 5.7, areaCode: '612' },
  { code: 'MS', name: 'Mississippi', population: 2.9, areaCode: '601' },
  { code: 'MO', name: 'Missouri', population: 6.2, areaCode: '314' },
  { code: 'MT', name: 'Montana', population: 1.1, areaCode: '406' },
  { code: 'NE', name: 'Nebraska', population: 2.0, areaCode: '402' },
  { code: 'NV', name: 'Nevada', population: 3.2, areaCode: '702' },
  { code: 'NH', name: 'New Hampshire', population: 1.4, areaCode: '603' },
  { code: 'NJ', name: 'New Jersey', population: 9.3, areaCode: '201' },
  { code: 'NM', name: 'New Mexico', population: 2.1, areaCode: '505' },
  { code: 'NY', name: 'New York', population: 19.6, areaCode: '212' },
  { code: 'NC', name: 'North Carolina', population: 10.8, areaCode: '704' },
  { code: 'ND', name: 'North Dakota', population: 0.78, areaCode: '701' },
  { code: 'OH', name: 'Ohio', population: 11.8, areaCode: '216' },
  { code: 'OK', name: 'Oklahoma', population: 4.1, areaCode: '405' },
  { code: 'OR', name: 'Oregon', population: 4.2, areaCode: '503' },
  { code: 'PA', name: 'Pennsylvania', population: 13.0, areaCode: '215' },
  { code: 'RI', name: 'Rhode Island', population: 1.1, areaCode: '401' },
  { code: 'SC', name: 'South Carolina', population: 5.4, areaCode: '803' },
  { code: 'SD', name: 'South Dakota', population: 0.92, areaCode: '605' },
  { code: 'TN', name: 'Tennessee', population: 7.1, areaCode: '615' },
  { code: 'TX', name: 'Texas', population: 30.5, areaCode: '214' },
  { code: 'UT', name: 'Utah', population: 3.4, areaCode: '801' },
  { code: 'VT', name: 'Vermont', population: 0.65, areaCode: '802' },
  { code: 'VA', name: 'Virginia', population: 8.7, areaCode: '804' },
  { code: 'WA', name: 'Washington', population: 7.8, areaCode: '206' },
  { code: 'WV', name: 'West Virginia', population: 1.8, areaCode: '304' },
  { code: 'WI', name: 'Wisconsin', population: 5.9, areaCode: '414' },
  { code: 'WY', name: 'Wyoming', population: 0.58, areaCode: '307' },
];

export interface AirportRef {
  iata: string;
  name: string;
  /** The city the airport serves (what a traveller searches for); hotels and cars use the same. */
  city: string;
  state: string;
  lat: number;
  lon: number;
  /**
   * The airport's IANA time zone. Schedules are kept in local time through it, so an 08:15
   * departure stays 08:15 local across the daylight-saving changes (Arizona and Hawaii have none).
   */
  timeZone: string;
  /** Approximate annual passengers in millions: how many routes and hotels a city gets. */
  traffic: number;
}

/**
 * US airports with commercial service: every state but Delaware (which has none to speak of) has
 * at least one. Airports that sit outside the city they serve carry the served city (Dulles and
 * National both serve Washington, DC), so "hotels near the arrival airport" is a city match.
 */
export const AIRPORTS: readonly AirportRef[] = [
  { iata: 'ATL', name: 'Hartsfield-Jackson Atlanta International Airport', city: 'Atlanta', state: 'GA', lat: 33.6407, lon: -84.4277, timeZone: 'America/New_York', traffic: 104 },
  { iata: 'DFW', name: 'Dallas/Fort Worth International Airport', city: 'Dallas', state: 'TX', lat: 32.8998, lon: -97.0403, timeZone: 'America/Chicago', traffic: 82 },
  { iata: 'DEN', name: 'Denver International Airport', city: 'Denver', state: 'CO', lat: 39.8561, lon: -104.6737, timeZone: 'America/Denver', traffic: 78 },
  { iata: 'ORD', name: "Chicago O'Hare International Airport", city: 'Chicago', state: 'IL', lat: 41.9742, lon: -87.9073, timeZone: 'America/Chicago', traffic: 74 },
  { iata: 'LAX', name: 'Los Angeles International Airport', city: 'Los Angeles', state: 'CA', lat: 33.9416, lon: -118.4085, timeZone: 'America/Los_Angeles', traffic: 75 },
  { iata: 'JFK', name: 'John F. Kennedy International Airport', city: 'New York', state: 'NY', lat: 40.6413, lon: -73.7781, timeZone: 'America/New_York', traffic: 62 },
  { iata: 'LAS', name: 'Harry Reid International Airport', city: 'Las Vegas', state: 'NV', lat: 36.084, lon: -115.1537, timeZone: 'America/Los_Angeles', traffic: 58 },
  { iata: 'MCO', name: 'Orlando International Airport', city: 'Orlando', state: 'FL', lat: 28.4312, lon: -81.3081, timeZone: 'America/New_York', traffic: 57 },
  { iata: 'MIA', name: 'Miami International Airport', city: 'Miami', state: 'FL', lat: 25.7959, lon: -80.287, timeZone: 'America/New_York', traffic: 52 },
  { iata: 'CLT', name: 'Charlotte Douglas International Airport', city: 'Charlotte', state: 'NC', lat: 35.214, lon: -80.9431, timeZone: 'America/New_York', traffic: 53 },
  { iata: 'SEA', name: 'Seattle-Tacoma International Airport', city: 'Seattle', state: 'WA', lat: 47.4502, lon: -122.3088, timeZone: 'America/Los_Angeles', traffic: 51 },
  { iata: 'PHX', name: 'Phoenix Sky Harbor International Airport', city: 'Phoenix', state: 'AZ', lat: 33.4342, lon: -112.0116, timeZone: 'America/Phoenix', traffic: 49 },
  { iata: 'EWR', name: 'Newark Liberty International Airport', city: 'Newark', state: 'NJ', lat: 40.6895, lon: -74.1745, timeZone: 'America/New_York', traffic: 49 },
  { iata: 'SFO', name: 'San Francisco International Airport', city: 'San Francisco', state: 'CA', lat: 37.6213, lon: -122.379, timeZone: 'America/Los_Angeles', traffic: 50 },
  { iata: 'IAH', name: 'George Bush Intercontinental Airport', city: 'Houston', state: 'TX', lat: 29.9902, lon: -95.3368, timeZone: 'America/Chicago', traffic: 46 },
  { iata: 'BOS', name: 'Boston Logan International Airport', city: 'Boston', state: 'MA', lat: 42.3656, lon: -71.0096, timeZone: 'America/New_York', traffic: 40 },
  { iata: 'FLL', name: 'Fort Lauderdale-Hollywood International Airport', city: 'Fort Lauderdale', state: 'FL', lat: 26.0742, lon: -80.1506, timeZone: 'America/New_York', traffic: 35 },
  { iata: 'MSP', name: 'Minneapolis-Saint Paul International Airport', city: 'Minneapolis', state: 'MN', lat: 44.8848, lon: -93.2223, timeZone: 'America/Chicago', traffic: 37 },
  { iata: 'LGA', name: 'LaGuardia Airport', city: 'New York', state: 'NY', lat: 40.7769, lon: -73.874, timeZone: 'America/New_York', traffic: 33 },
  { iata: 'DTW', name: 'Detroit Metropolitan Wayne County Airport', city: 'Detroit', state: 'MI', lat: 42.2162, lon: -83.3554, timeZone: 'America/Detroit', traffic: 32 },
  { iata: 'PHL', name: 'Philadelphia International Airport', city: 'Philadelphia', state: 'PA', lat: 39.8744, lon: -75.2424, timeZone: 'America/New_York', traffic: 31 },
  { iata: 'SLC', name: 'Salt Lake City International Airport', city: 'Salt Lake City', state: 'UT', lat: 40.7899, lon: -111.9791, timeZone: 'America/Denver', traffic: 27 },
  { iata: 'BWI', name: 'Baltimore/Washington International Thurgood Marshall Airport', city: 'Baltimore', state: 'MD', lat: 39.1774, lon: -76.6684, timeZone: 'America/New_York', traffic: 27 },
  { iata: 'DCA', name: 'Ronald Reagan Washington National Airport', city: 'Washington', state: 'DC', lat: 38.8512, lon: -77.0402, timeZone: 'America/New_York', traffic: 25 },
  { iata: 'IAD', name: 'Washington Dulles International Airport', city: 'Washington', state: 'DC', lat: 38.9531, lon: -77.4565, timeZone: 'America/New_York', traffic: 25 },
  { iata: 'SAN', name: 'San Diego International Airport', city: 'San Diego', state: 'CA', lat: 32.7338, lon: -117.1933, timeZone: 'America/Los_Angeles', traffic: 25 },
  { iata: 'MDW', name: 'Chicago Midway International Airport', city: 'Chicago', state: 'IL', lat: 41.7868, lon: -87.7522, timeZone: 'America/Chicago', traffic: 22 },
  { iata: 'TPA', name: 'Tampa International Airport', city: 'Tampa', state: 'FL', lat: 27.9755, lon: -82.5332, timeZone: 'America/New_York', traffic: 24 },
  { iata: 'BNA', name: 'Nashville International Airport', city: 'Nashville', state: 'TN', lat: 36.1263, lon: -86.6774, timeZone: 'America/Chicago', traffic: 23 },
  { iata: 'AUS', name: 'Austin-Bergstrom International Airport', city: 'Austin', state: 'TX', lat: 30.1975, lon: -97.6664, timeZone: 'America/Chicago', traffic: 22 },
  { iata: 'DAL', name: 'Dallas Love Field', city: 'Dallas', state: 'TX', lat: 32.8471, lon: -96.8518, timeZone: 'America/Chicago', traffic: 17 },
  { iata: 'HNL', name: 'Daniel K. Inouye International Airport', city: 'Honolulu', state: 'HI', lat: 21.3187, lon: -157.9225, timeZone: 'Pacific/Honolulu', traffic: 21 },
  { iata: 'PDX', name: 'Portland International Airport', city: 'Portland', state: 'OR', lat: 45.5898, lon: -122.5951, timeZone: 'America/Los_Angeles', traffic: 19 },
  { iata: 'STL', name: 'St. Louis Lambert International Airport', city: 'St. Louis', state: 'MO', lat: 38.7487, lon: -90.37, timeZone: 'America/Chicago', traffic: 15 },
  { iata: 'HOU', name: 'William P. Hobby Airport', city: 'Houston', state: 'TX', lat: 29.6454, lon: -95.2789, timeZone: 'America/Chicago', traffic: 14 },
  { iata: 'RDU', name: 'Raleigh-Durham International Airport', city: 'Raleigh', state: 'NC', lat: 35.8801, lon: -78.788, timeZone: 'America/New_York', traffic: 14 },
  { iata: 'MSY', name: 'Louis Armstrong New Orleans International Airport', city: 'New Orleans', state: 'LA', lat: 29.9934, lon: -90.258, timeZone: 'America/Chicago', traffic: 14 },
  { iata: 'SMF', name: 'Sacramento International Airport', city: 'Sacramento', state: 'CA', lat: 38.6951, lon: -121.5908, timeZone: 'America/Los_Angeles', traffic: 13 },
  { iata: 'SJC', name: 'San Jose Mineta International Airport', city: 'San Jose', state: 'CA', lat: 37.3639, lon: -121.9289, timeZone: 'America/Los_Angeles', traffic: 11 },
  { iata: 'OAK', name: 'Oakland International Airport', city: 'Oakland', state: 'CA', lat: 37.7126, lon: -122.2197, timeZone: 'America/Los_Angeles', traffic: 11 },
  { iata: 'SNA', name: 'John Wayne Airport', city: 'Santa Ana', state: 'CA', lat: 33.6762, lon: -117.8675, timeZone: 'America/Los_Angeles', traffic: 11 },
  { iata: 'MCI', name: 'Kansas City International Airport', city: 'Kansas City', state: 'MO', lat: 39.2976, lon: -94.7139, timeZone: 'America/Chicago', traffic: 11 },
  { iata: 'SAT', name: 'San Antonio International Airport', city: 'San Antonio', state: 'TX', lat: 29.5337, lon: -98.4698, timeZone: 'America/Chicago', traffic: 10 },
  { iata: 'RSW', name: 'Southwest Florida International Airport', city: 'Fort Myers', state: 'FL', lat: 26.5362, lon: -81.7552, timeZone: 'America/New_York', traffic: 10 },
  { iata: 'CLE', name: 'Cleveland Hopkins International Airport', city: 'Cleveland', state: 'OH', lat: 41.4117, lon: -81.8498, timeZone: 'America/New_York', traffic: 10 },
  { iata: 'IND', name: 'Indianapolis International Airport', city: 'Indianapolis', state: 'IN', lat: 39.7173, lon: -86.2944, timeZone: 'America/Indiana/Indianapolis', traffic: 9 },
  { iata: 'PIT', name: 'Pittsburgh International Airport', city: 'Pittsburgh', state: 'PA', lat: 40.4915, lon: -80.2329, timeZone: 'America/New_York', traffic: 9 },
  { iata: 'CMH', name: 'John Glenn Columbus International Airport', city: 'Columbus', state: 'OH', lat: 39.998, lon: -82.8919, timeZone: 'America/New_York', traffic: 9 },
  { iata: 'PBI', name: 'Palm Beach International Airport', city: 'West Palm Beach', state: 'FL', lat: 26.6832, lon: -80.0956, timeZone: 'America/New_York', traffic: 7 },
  { iata: 'JAX', name: 'Jacksonville International Airport', city: 'Jacksonville', state: 'FL', lat: 30.4941, lon: -81.6879, timeZone: 'America/New_York', traffic: 7 },
  { iata: 'MKE', name: 'Milwaukee Mitchell International Airport', city: 'Milwaukee', state: 'WI', lat: 42.9472, lon: -87.8966, timeZone: 'America/Chicago', traffic: 7 },
  { iata: 'OGG', name: 'Kahului Airport', city: 'Kahului', state: 'HI', lat: 20.8986, lon: -156.4305, timeZone: 'Pacific/Honolulu', traffic: 7 },
  { iata: 'BUR', name: 'Hollywood Burbank Airport', city: 'Burbank', state: 'CA', lat: 34.2007, lon: -118.3587, timeZone: 'America/Los_Angeles', traffic: 6 },
  { iata: 'ONT', name: 'Ontario International Airport', city: 'Ontario', state: 'CA', lat: 34.056, lon: -117.6012, timeZone: 'America/Los_Angeles', traffic: 6 },
  { iata: 'BDL', name: 'Bradley International Airport', city: 'Hartford', state: 'CT', lat: 41.9389, lon: -72.6832, timeZone: 'America/New_York', traffic: 6 },
  { iata: 'ABQ', name: 'Albuquerque International Sunport', city: 'Albuquerque', state: 'NM', lat: 35.0402, lon: -106.609, timeZone: 'America/Denver', traffic: 5 },
  { iata: 'ANC', name: 'Ted Stevens Anchorage International Airport', city: 'Anchorage', state: 'AK', lat: 61.1743, lon: -149.9962, timeZone: 'America/Anchorage', traffic: 5 },
  { iata: 'OMA', name: 'Eppley Airfield', city: 'Omaha', state: 'NE', lat: 41.3032, lon: -95.8941, timeZone: 'America/Chicago', traffic: 5 },
  { iata: 'CHS', name: 'Charleston International Airport', city: 'Charleston', state: 'SC', lat: 32.8986, lon: -80.0405, timeZone: 'America/New_York', traffic: 5 },
  { iata: 'BOI', name: 'Boise Airport', city: 'Boise', state: 'ID', lat: 43.5644, lon: -116.2228, timeZone: 'America/Boise', traffic: 4.5 },
  { iata: 'OKC', name: 'Will Rogers World Airport', city: 'Oklahoma City', state: 'OK', lat: 35.3931, lon: -97.6007, timeZone: 'America/Chicago', traffic: 4.3 },
  { iata: 'SDF', name: 'Louisville Muhammad Ali International Airport', city: 'Louisville', state: 'KY', lat: 38.1744, lon: -85.736, timeZone: 'America/Kentucky/Louisville', traffic: 4.2 },
  { iata: 'MEM', name: 'Memphis International Airport', city: 'Memphis', state: 'TN', lat: 35.0424, lon: -89.9767, timeZone: 'America/Chicago', traffic: 4.4 },
  { iata: 'RIC', name: 'Richmond International Airport', city: 'Richmond', state: 'VA', lat: 37.5052, lon: -77.3197, timeZone: 'America/New_York', traffic: 4.1 },
  { iata: 'RNO', name: 'Reno-Tahoe International Airport', city: 'Reno', state: 'NV', lat: 39.4991, lon: -119.7681, timeZone: 'America/Los_Angeles', traffic: 4.3 },
  { iata: 'TUS', name: 'Tucson International Airport', city: 'Tucson', state: 'AZ', lat: 32.1161, lon: -110.941, timeZone: 'America/Phoenix', traffic: 3.8 },
  { iata: 'ELP', name: 'El Paso International Airport', city: 'El Paso', state: 'TX', lat: 31.8072, lon: -106.3778, timeZone: 'America/Denver', traffic: 3.8 },
  { iata: 'KOA', name: 'Ellison Onizuka Kona International Airport', city: 'Kailua-Kona', state: 'HI', lat: 19.7388, lon: -156.0456, timeZone: 'Pacific/Honolulu', traffic: 3.6 },
  { iata: 'LIH', name: 'Lihue Airport', city: 'Lihue', state: 'HI', lat: 21.976, lon: -159.339, timeZone: 'Pacific/Honolulu', traffic: 3.4 },
  { iata: 'ORF', name: 'Norfolk International Airport', city: 'Norfolk', state: 'VA', lat: 36.8946, lon: -76.2012, timeZone: 'America/New_York', traffic: 3.2 },
  { iata: 'TUL', name: 'Tulsa International Airport', city: 'Tulsa', state: 'OK', lat: 36.1984, lon: -95.8881, timeZone: 'America/Chicago', traffic: 3.1 },
  { iata: 'DSM', name: 'Des Moines International Airport', city: 'Des Moines', state: 'IA', lat: 41.534, lon: -93.6631, timeZone: 'America/Chicago', traffic: 3.0 },
  { iata: 'BUF', name: 'Buffalo Niagara International Airport', city: 'Buffalo', state: 'NY', lat: 42.9405, lon: -78.7322, timeZone: 'America/New_York', traffic: 4.9 },
  { iata: 'GEG', name: 'Spokane International Airport', city: 'Spokane', state: 'WA', lat: 47.6199, lon: -117.5338, timeZone: 'America/Los_Angeles', traffic: 3.9 },
  { iata: 'SAV', name: 'Savannah/Hilton Head International Airport', city: 'Savannah', state: 'GA', lat: 32.1276, lon: -81.2021, timeZone: 'America/New_York', traffic: 3.3 },
  { iata: 'MYR', name: 'Myrtle Beach International Airport', city: 'Myrtle Beach', state: 'SC', lat: 33.6797, lon: -78.9283, timeZone: 'America/New_York', traffic: 3.0 },
  { iata: 'BHM', name: 'Birmingham-Shuttlesworth International Airport', city: 'Birmingham', state: 'AL', lat: 33.5629, lon: -86.7535, timeZone: 'America/Chicago', traffic: 2.8 },
  { iata: 'LIT', name: 'Clinton National Airport', city: 'Little Rock', state: 'AR', lat: 34.7294, lon: -92.2243, timeZone: 'America/Chicago', traffic: 2.3 },
  { iata: 'PVD', name: 'Rhode Island T. F. Green International Airport', city: 'Providence', state: 'RI', lat: 41.724, lon: -71.4283, timeZone: 'America/New_York', traffic: 3.8 },
  { iata: 'PWM', name: 'Portland International Jetport', city: 'Portland', state: 'ME', lat: 43.6462, lon: -70.3093, timeZone: 'America/New_York', traffic: 2.2 },
  { iata: 'MHT', name: 'Manchester-Boston Regional Airport', city: 'Manchester', state: 'NH', lat: 42.9326, lon: -71.4357, timeZone: 'America/New_York', traffic: 1.5 },
  { iata: 'BTV', name: 'Burlington International Airport', city: 'Burlington', state: 'VT', lat: 44.472, lon: -73.1533, timeZone: 'America/New_York', traffic: 1.3 },
  { iata: 'ALB', name: 'Albany International Airport', city: 'Albany', state: 'NY', lat: 42.7483, lon: -73.8017, timeZone: 'America/New_York', traffic: 2.9 },
  { iata: 'GRR', name: 'Gerald R. Ford International Airport', city: 'Grand Rapids', state: 'MI', lat: 42.8808, lon: -85.5228, timeZone: 'America/Detroit', traffic: 3.6 },
  { iata: 'MSN', name: 'Dane County Regional Airport', city: 'Madison', state: 'WI', lat: 43.1399, lon: -89.3375, timeZone: 'America/Chicago', traffic: 2.0 },
  { iata: 'ICT', name: 'Wichita Dwight D. Eisenhower National Airport', city: 'Wichita', state: 'KS', lat: 37.6499, lon: -97.4331, timeZone: 'America/Chicago', traffic: 1.6 },
  { iata: 'JAN', name: 'Jackson-Medgar Wiley Evers International Airport', city: 'Jackson', state: 'MS', lat: 32.3112, lon: -90.0759, timeZone: 'America/Chicago', traffic: 1.0 },
  { iata: 'FAR', name: 'Hector International Airport', city: 'Fargo', state: 'ND', lat: 46.9207, lon: -96.8158, timeZone: 'America/Chicago', traffic: 1.0 },
  { iata: 'FSD', name: 'Sioux Falls Regional Airport', city: 'Sioux Falls', state: 'SD', lat: 43.582, lon: -96.7419, timeZone: 'America/Chicago', traffic: 1.1 },
  { iata: 'BZN', name: 'Bozeman Yellowstone International Airport', city: 'Bozeman', state: 'MT', lat: 45.7775, lon: -111.153, timeZone: 'America/Denver', traffic: 2.4 },
  { iata: 'BIL', name: 'Billings Logan International Airport', city: 'Billings', state: 'MT', lat: 45.8077, lon: -108.5429, timeZone: 'America/Denver', traffic: 0.9 },
  { iata: 'JAC', name: 'Jackson Hole Airport', city: 'Jackson', state: 'WY', lat: 43.6073, lon: -110.7377, timeZone: 'America/Denver', traffic: 0.9 },
  { iata: 'CRW', name: 'West Virginia International Yeager Airport', city: 'Charleston', state: 'WV', lat: 38.3731, lon: -81.5932, timeZone: 'America/New_York', traffic: 0.5 },
  { iata: 'FAI', name: 'Fairbanks International Airport', city: 'Fairbanks', state: 'AK', lat: 64.8151, lon: -147.8561, timeZone: 'America/Anchorage', traffic: 1.0 },
  { iata: 'JNU', name: 'Juneau International Airport', city: 'Juneau', state: 'AK', lat: 58.3547, lon: -134.5763, timeZone: 'America/Juneau', traffic: 0.8 },
];

export interface AirlineRef {
  /** IATA designator, the prefix of the flight number. */
  code: string;
  name: string;
  /** Relative share of scheduled flights before hub bonuses. */
  share: number;
  /** Hubs and focus cities: routes touching them favour this airline. */
  hubs: readonly string[];
  /** Multiplier on the distance-based fare: low-cost carriers undercut. */
  fareFactor: number;
  /** Flies only routes touching these states, when set (Hawaiian). */
  states?: readonly string[];
}

export const AIRLINES: readonly AirlineRef[] = [
  { code: 'DL', name: 'Delta Air Lines', share: 18, hubs: ['ATL', 'DTW', 'MSP', 'SLC', 'JFK', 'LGA', 'BOS', 'LAX', 'SEA'], fareFactor: 1.08 },
  { code: 'AA', name: 'American Airlines', share: 18, hubs: ['DFW', 'CLT', 'MIA', 'PHL', 'PHX', 'ORD', 'DCA', 'JFK', 'LAX'], fareFactor: 1.05 },
  { code: 'UA', name: 'United Airlines', share: 15, hubs: ['ORD', 'DEN', 'IAH', 'EWR', 'SFO', 'IAD', 'LAX'], fareFactor: 1.06 },
  { code: 'WN', name: 'Southwest Airlines', share: 17, hubs: ['MDW', 'DAL', 'HOU', 'BWI', 'LAS', 'DEN', 'PHX', 'OAK', 'MCO', 'BNA', 'AUS'], fareFactor: 0.9 },
  { code: 'AS', name: 'Alaska Airlines', share: 6, hubs: ['SEA', 'PDX', 'ANC', 'SFO', 'LAX', 'SAN'], fareFactor: 0.98 },
  { code: 'B6', name: 'JetBlue Airways', share: 5, hubs: ['JFK', 'BOS', 'FLL', 'MCO'], fareFactor: 0.93 },
  { code: 'NK', name: 'Spirit Airlines', share: 4, hubs: ['FLL', 'LAS', 'MCO', 'DTW'], fareFactor: 0.68 },
  { code: 'F9', name: 'Frontier Airlines', share: 4, hubs: ['DEN', 'LAS', 'MCO', 'PHL'], fareFactor: 0.7 },
  { code: 'HA', name: 'Hawaiian Airlines', share: 1.5, hubs: ['HNL', 'OGG', 'KOA', 'LIH'], fareFactor: 1.0, states: ['HI'] },
  { code: 'G4', name: 'Allegiant Air', share: 2, hubs: ['LAS', 'RSW', 'MYR'], fareFactor: 0.72 },
  { code: 'SY', name: 'Sun Country Airlines', share: 1, hubs: ['MSP'], fareFactor: 0.8 },
  { code: 'MX', name: 'Breeze Airways', share: 1, hubs: ['CHS', 'PVD', 'TPA', 'RIC'], fareFactor: 0.75 },
];

export interface BusyRouteRef {
  /** The two airports; the route is flown both ways, perDay times in each direction. */
  a: string;
  b: string;
  /** Departures a day in each direction: 6 for the quieter of the top routes, up to ~14 for LAX–SFO. */
  perDay: number;
  /** The carriers that really fly it, mostly those with a hub at one end (JFK–LAX: Delta, American, JetBlue). */
  airlines: readonly string[];
}

/**
 * The busiest US domestic airport pairs (after the BTS T-100 rankings), in rough order of
 * passengers. They get dense daily schedules before the long tail of the gravity model is drawn,
 * so the searches a newcomer tries first (JFK → LAX tomorrow) always list flights.
 */
export const BUSY_ROUTES: readonly BusyRouteRef[] = [
  { a: 'ATL', b: 'MCO', perDay: 12, airlines: ['DL', 'WN', 'F9', 'NK'] },
  { a: 'LAX', b: 'SFO', perDay: 14, airlines: ['UA', 'AS', 'DL', 'AA'] },
  { a: 'JFK', b: 'LAX', perDay: 12, airlines: ['DL', 'AA', 'B6'] },
  { a: 'LAS', b: 'LAX', perDay: 11, airlines: ['WN', 'DL', 'AA', 'UA', 'NK', 'F9'] },
  { a: 'LGA', b: 'ORD', perDay: 12, airlines: ['UA', 'AA', 'DL'] },
  { a: 'LAX', b: 'SEA', perDay: 9, airlines: ['AS', 'DL', 'UA', 'AA'] },
  { a: 'DEN', b: 'PHX', perDay: 9, airlines: ['WN', 'UA', 'AA', 'F9'] },
  { a: 'ATL', b: 'LGA', perDay: 10, airlines: ['DL', 'WN'] },
  { a: 'ATL', b: 'FLL', perDay: 9, airlines: ['DL', 'WN', 'NK', 'F9'] },
  { a: 'BOS', b: 'LGA', perDay: 9, airlines: ['DL', 'AA', 'B6'] },
  { a: 'DCA', b: 'LGA', perDay: 9, airlines: ['AA', 'DL'] },
  { a: 'LAX', b: 'ORD', perDay: 8, airlines: ['UA', 'AA', 'NK'] },
  { a: 'DFW', b: 'LAX', perDay: 9, airlines: ['AA', 'DL', 'NK'] },
  { a: 'HNL', b: 'OGG', perDay: 11, airlines: ['HA', 'WN'] },
  { a: 'SEA', b: 'SFO', perDay: 9, airlines: ['AS', 'UA', 'DL'] },
  { a: 'ATL', b: 'ORD', perDay: 9, airlines: ['DL', 'AA', 'UA', 'NK', 'F9'] },
  { a: 'DEN', b: 'LAX', perDay: 8, airlines: ['UA', 'WN', 'F9'] },
  { a: 'DEN', b: 'LAS', perDay: 8, airlines: ['WN', 'UA', 'F9'] },
  { a: 'LAS', b: 'SFO', perDay: 7, airlines: ['UA', 'WN', 'AS', 'F9'] },
  { a: 'DFW', b: 'LGA', perDay: 7, airlines: ['AA', 'DL'] },
  { a: 'ATL', b: 'DFW', perDay: 8, airlines: ['DL', 'AA'] },
  { a: 'LAX', b: 'PHX', perDay: 8, airlines: ['AA', 'WN'] },
  { a: 'JFK', b: 'SFO', perDay: 7, airlines: ['UA', 'DL', 'AA', 'B6', 'AS'] },
  { a: 'EWR', b: 'MCO', perDay: 6, airlines: ['UA', 'B6', 'NK'] },
  { a: 'EWR', b: 'SFO', perDay: 7, airlines: ['UA', 'AS'] },
  { a: 'BOS', b: 'ORD', perDay: 6, airlines: ['UA', 'AA', 'B6', 'NK'] },
  { a: 'ATL', b: 'LAX', perDay: 6, airlines: ['DL', 'AA', 'NK', 'F9'] },
  { a: 'DEN', b: 'ORD', perDay: 8, airlines: ['UA', 'AA', 'F9'] },
  { a: 'DEN', b: 'SEA', perDay: 6, airlines: ['UA', 'AS', 'WN', 'DL', 'F9'] },
  { a: 'LAS', b: 'SEA', perDay: 6, airlines: ['AS', 'WN', 'DL', 'NK'] },
  { a: 'LAS', b: 'PHX', perDay: 6, airlines: ['WN', 'AA', 'F9'] },
  { a: 'DEN', b: 'SFO', perDay: 6, airlines: ['UA', 'WN', 'F9'] },
  { a: 'ORD', b: 'SFO', perDay: 6, airlines: ['UA', 'AA'] },
  { a: 'LGA', b: 'MIA', perDay: 7, airlines: ['AA', 'DL'] },
  { a: 'JFK', b: 'MCO', perDay: 6, airlines: ['B6', 'DL'] },
  { a: 'BOS', b: 'MCO', perDay: 6, airlines: ['B6', 'DL', 'NK'] },
  { a: 'PHX', b: 'SEA', perDay: 6, airlines: ['AS', 'AA', 'WN'] },
  { a: 'DFW', b: 'ORD', perDay: 8, airlines: ['AA', 'UA'] },
  { a: 'DEN', b: 'DFW', perDay: 7, airlines: ['AA', 'UA', 'F9'] },
  { a: 'DEN', b: 'MSP', perDay: 6, airlines: ['UA', 'DL', 'SY', 'F9'] },
  { a: 'DEN', b: 'SLC', perDay: 6, airlines: ['UA', 'DL', 'WN', 'F9'] },
  { a: 'SAN', b: 'SFO', perDay: 7, airlines: ['UA', 'AS'] },
  { a: 'ANC', b: 'SEA', perDay: 6, airlines: ['AS', 'DL'] },
  { a: 'HNL', b: 'LAX', perDay: 6, airlines: ['HA', 'AS', 'UA', 'AA', 'DL'] },
  { a: 'HNL', b: 'KOA', perDay: 7, airlines: ['HA', 'WN'] },
  { a: 'HNL', b: 'LIH', perDay: 7, airlines: ['HA', 'WN'] },
  { a: 'LAX', b: 'OAK', perDay: 7, airlines: ['WN', 'AS'] },
  { a: 'LAX', b: 'SJC', perDay: 6, airlines: ['WN', 'AS'] },
  { a: 'DAL', b: 'HOU', perDay: 9, airlines: ['WN'] },
  { a: 'DFW', b: 'IAH', perDay: 8, airlines: ['AA', 'UA'] },
  { a: 'ATL', b: 'DCA', perDay: 7, airlines: ['DL', 'AA'] },
  { a: 'ATL', b: 'BWI', perDay: 6, airlines: ['DL', 'WN'] },
  { a: 'ATL', b: 'BOS', perDay: 6, airlines: ['DL', 'B6'] },
  { a: 'JFK', b: 'MIA', perDay: 6, airlines: ['AA', 'DL'] },
  { a: 'ATL', b: 'LAS', perDay: 6, airlines: ['DL', 'WN', 'NK', 'F9'] },
  { a: 'MSP', b: 'ORD', perDay: 7, airlines: ['UA', 'AA', 'DL'] },
  { a: 'DTW', b: 'MCO', perDay: 6, airlines: ['DL', 'WN', 'NK', 'F9'] },
  { a: 'FLL', b: 'LGA', perDay: 6, airlines: ['DL', 'B6', 'NK'] },
  { a: 'BOS', b: 'DCA', perDay: 9, airlines: ['AA', 'DL', 'B6'] },
  { a: 'LAX', b: 'SLC', perDay: 6, airlines: ['DL', 'WN'] },
];

export interface HotelBrandRef {
  name: string;
  stars: 1 | 2 | 3 | 4 | 5;
  /** Relative frequency: there are more Hampton Inns than Four Seasons. */
  weight: number;
}

export const HOTEL_BRANDS: readonly HotelBrandRef[] = [
  { name: 'Four Seasons', stars: 5, weight: 0.6 },
  { name: 'The Ritz-Carlton', stars: 5, weight: 0.6 },
  { name: 'St. Regis', stars: 5, weight: 0.4 },
  { name: 'Waldorf Astoria', stars: 5, weight: 0.3 },
  { name: 'Park Hyatt', stars: 5, weight: 0.3 },
  { name: 'Marriott', stars: 4, weight: 3 },
  { name: 'Hilton', stars: 4, weight: 3 },
  { name: 'Hyatt Regency', stars: 4, weight: 2 },
  { name: 'Westin', stars: 4, weight: 1.6 },
  { name: 'Sheraton', stars: 4, weight: 1.6 },
  { name: 'Renaissance', stars: 4, weight: 1 },
  { name: 'Kimpton', stars: 4, weight: 1 },
  { name: 'InterContinental', stars: 4, weight: 0.8 },
  { name: 'Omni', stars: 4, weight: 0.7 },
  { name: 'Courtyard by Marriott', stars: 3, weight: 4 },
  { name: 'Hilton Garden Inn', stars: 3, weight: 4 },
  { name: 'Hampton Inn', stars: 3, weight: 5 },
  { name: 'DoubleTree by Hilton', stars: 3, weight: 2.5 },
  { name: 'Hyatt Place', stars: 3, weight: 2.5 },
  { name: 'Holiday Inn', stars: 3, weight: 3 },
  { name: 'Embassy Suites', stars: 3, weight: 1.5 },
  { name: 'Residence Inn', stars: 3, weight: 2 },
  { name: 'Homewood Suites', stars: 3, weight: 1.5 },
  { name: 'Four Points by Sheraton', stars: 3, weight: 1.2 },
  { name: 'Holiday Inn Express', stars: 2, weight: 5 },
  { name: 'Fairfield Inn & Suites', stars: 2, weight: 3.5 },
  { name: 'La Quinta Inn & Suites', stars: 2, weight: 3 },
  { name: 'Comfort Inn', stars: 2, weight: 3 },
  { name: 'Best Western', stars: 2, weight: 3 },
  { name: 'Quality Inn', stars: 2, weight: 2 },
  { name: 'Days Inn', stars: 2, weight: 2 },
  { name: 'Motel 6', stars: 1, weight: 2 },
  { name: 'Super 8', stars: 1, weight: 2 },
  { name: 'Econo Lodge', stars: 1, weight: 1.5 },
  { name: 'Red Roof Inn', stars: 1, weight: 1.5 },
  { name: 'Travelodge', stars: 1, weight: 1 },
];

/** Where in town a hotel sits; part of its name ("Hilton Chicago Downtown"). */
export const HOTEL_LOCATIONS: readonly string[] = [
  'Downtown', 'Airport', 'Convention Center', 'Riverside', 'Midtown', 'Uptown', 'Waterfront',
  'North', 'South', 'East', 'West', 'Old Town', 'Historic District', 'University Area',
  'Medical Center', 'City Center', 'Lakeside', 'Arena District', 'Financial District', 'Northwest',
];

export interface RoomTypeRef {
  name: 'Standard' | 'Deluxe' | 'Suite';
  maxGuests: number;
  /** Price relative to the hotel's standard room. */
  priceFactor: number;
  /** Share of the hotel's rooms. */
  roomShare: number;
}

export const ROOM_TYPES: readonly RoomTypeRef[] = [
  { name: 'Standard', maxGuests: 2, priceFactor: 1, roomShare: 0.7 },
  { name: 'Deluxe', maxGuests: 3, priceFactor: 1.35, roomShare: 0.22 },
  { name: 'Suite', maxGuests: 4, priceFactor: 2.1, roomShare: 0.08 },
];

/** Nightly base rate (dollars) for a standard room by star rating. */
export const STAR_BASE_RATE: Readonly<Record<1 | 2 | 3 | 4 | 5, number>> = { 1: 62, 2: 94, 3: 139, 4: 209, 5: 419 };

export interface RentalCompanyRef {
  name: string;
  weight: number;
  priceFactor: number;
}

export const RENTAL_COMPANIES: readonly RentalCompanyRef[] = [
  { name: 'Enterprise', weight: 5, priceFactor: 1.0 },
  { name: 'Hertz', weight: 4, priceFactor: 1.05 },
  { name: 'Avis', weight: 3.5, priceFactor: 1.04 },
  { name: 'National', weight: 2.5, priceFactor: 1.06 },
  { name: 'Budget', weight: 2.5, priceFactor: 0.92 },
  { name: 'Alamo', weight: 2.5, priceFactor: 0.93 },
  { name: 'Dollar', weight: 1.5, priceFactor: 0.85 },
  { name: 'Thrifty', weight: 1.5, priceFactor: 0.85 },
  { name: 'Sixt', weight: 1.5, priceFactor: 1.02 },
];

export interface CarModelRef {
  model: string;
  carClass: string;
  seats: number;
  /** Daily base rate in dollars. */
  dailyRate: number;
  weight: number;
}

export const CAR_MODELS: readonly CarModelRef[] = [
  { model: 'Mitsubishi Mirage', carClass: 'Economy', seats: 5, dailyRate: 39, weight: 2 },
  { model: 'Chevrolet Spark', carClass: 'Economy', seats: 4, dailyRate: 38, weight: 1.5 },
  { model: 'Kia Rio', carClass: 'Economy', seats: 5, dailyRate: 40, weight: 1.5 },
  { model: 'Nissan Versa', carClass: 'Compact', seats: 5, dailyRate: 44, weight: 2.5 },
  { model: 'Toyota Corolla', carClass: 'Compact', seats: 5, dailyRate: 46, weight: 3 },
  { model: 'Hyundai Elantra', carClass: 'Compact', seats: 5, dailyRate: 45, weight: 2.5 },
  { model: 'Honda Civic', carClass: 'Compact', seats: 5, dailyRate: 47, weight: 2 },
  { model: 'Toyota Camry', carClass: 'Midsize', seats: 5, dailyRate: 54, weight: 3 },
  { model: 'Nissan Altima', carClass: 'Midsize', seats: 5, dailyRate: 52, weight: 3 },
  { model: 'Honda Accord', carClass: 'Midsize', seats: 5, dailyRate: 55, weight: 2 },
  { model: 'Chevrolet Malibu', carClass: 'Midsize', seats: 5, dailyRate: 51, weight: 2 },
  { model: 'Chrysler 300', carClass: 'Full-size', seats: 5, dailyRate: 62, weight: 1.5 },
  { model: 'Dodge Charger', carClass: 'Full-size', seats: 5, dailyRate: 63, weight: 1.5 },
  { model: 'Toyota RAV4', carClass: 'SUV', seats: 5, dailyRate: 66, weight: 3 },
  { model: 'Ford Explorer', carClass: 'SUV', seats: 7, dailyRate: 79, weight: 2 },
  { model: 'Jeep Grand Cherokee', carClass: 'SUV', seats: 5, dailyRate: 77, weight: 2 },
  { model: 'Chevrolet Tahoe', carClass: 'Full-size SUV', seats: 8, dailyRate: 109, weight: 1 },
  { model: 'Chrysler Pacifica', carClass: 'Minivan', seats: 7, dailyRate: 89, weight: 1.2 },
  { model: 'Toyota Sienna', carClass: 'Minivan', seats: 8, dailyRate: 92, weight: 1 },
  { model: 'Ford Mustang Convertible', carClass: 'Convertible', seats: 4, dailyRate: 95, weight: 0.8 },
  { model: 'BMW 5 Series', carClass: 'Luxury', seats: 5, dailyRate: 139, weight: 0.6 },
  { model: 'Mercedes-Benz E-Class', carClass: 'Luxury', seats: 5, dailyRate: 145, weight: 0.6 },
  { model: 'Cadillac Escalade', carClass: 'Luxury SUV', seats: 7, dailyRate: 179, weight: 0.4 },
  { model: 'Tesla Model 3', carClass: 'Electric', seats: 5, dailyRate: 85, weight: 1 },
  { model: 'Ford F-150', carClass: 'Pickup', seats: 5, dailyRate: 88, weight: 0.8 },
];
