// Words the seed generator strings together: people's names, street names, review phrases and
// image captions. Everything here is invented or generic; no real customer appears.

export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Christopher', 'Karen',
  'Charles', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret',
  'Donald', 'Ashley', 'Steven', 'Kimberly', 'Andrew', 'Emily', 'Paul', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy', 'Stephanie',
  'Ronald', 'Rebecca', 'Jason', 'Sharon', 'Edward', 'Laura', 'Jeffrey', 'Cynthia', 'Ryan', 'Dorothy',
  'Jacob', 'Amy', 'Gary', 'Kathleen', 'Nicholas', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Emma',
  'Stephen', 'Brenda', 'Larry', 'Pamela', 'Justin', 'Nicole', 'Scott', 'Anna', 'Brandon', 'Samantha',
  'Benjamin', 'Katherine', 'Samuel', 'Christine', 'Gregory', 'Debra', 'Alexander', 'Rachel', 'Patrick', 'Carolyn',
  'Frank', 'Janet', 'Raymond', 'Maria', 'Jack', 'Olivia', 'Dennis', 'Heather', 'Jerry', 'Helen',
  'Tyler', 'Catherine', 'Aaron', 'Diane', 'Jose', 'Julie', 'Adam', 'Victoria', 'Nathan', 'Joyce',
  'Henry', 'Lauren', 'Zachary', 'Kelly', 'Douglas', 'Christina', 'Peter', 'Ruth', 'Kyle', 'Joan',
  'Noah', 'Virginia', 'Ethan', 'Judith', 'Jeremy', 'Evelyn', 'Walter', 'Hannah', 'Christian', 'Andrea',
  'Keith', 'Megan', 'Roger', 'Cheryl', 'Terry', 'Jacqueline', 'Austin', 'Madison', 'Sean', 'Teresa',
  'Gerald', 'Abigail', 'Carl', 'Sophia', 'Harold', 'Martha', 'Dylan', 'Sara', 'Arthur', 'Gloria',
  'Lawrence', 'Janice', 'Jordan', 'Kathryn', 'Jesse', 'Ann', 'Bryan', 'Isabella', 'Billy', 'Judy',
  'Bruce', 'Charlotte', 'Gabriel', 'Julia', 'Joe', 'Grace', 'Logan', 'Amber', 'Alan', 'Alice',
  'Juan', 'Jean', 'Albert', 'Denise', 'Willie', 'Frances', 'Elijah', 'Danielle', 'Wayne', 'Marilyn',
  'Randy', 'Natalie', 'Vincent', 'Beverly', 'Mason', 'Diana', 'Roy', 'Brittany', 'Ralph', 'Theresa',
  'Bobby', 'Kayla', 'Russell', 'Alexis', 'Bradley', 'Doris', 'Philip', 'Lori', 'Eugene', 'Tiffany',
  'Carlos', 'Sofia', 'Luis', 'Camila', 'Miguel', 'Valentina', 'Wei', 'Mei', 'Hiroshi', 'Yuki',
  'Raj', 'Priya', 'Omar', 'Fatima', 'Kwame', 'Amara', 'Dmitri', 'Elena', 'Liam', 'Aisha',
];

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
  'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes',
  'Gonzales', 'Fisher', 'Vasquez', 'Simmons', 'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham',
  'Reynolds', 'Griffin', 'Wallace', 'Moreno', 'West', 'Cole', 'Hayes', 'Bryant', 'Herrera', 'Gibson',
  'Ellis', 'Tran', 'Medina', 'Aguilar', 'Stevens', 'Murray', 'Ford', 'Castro', 'Marshall', 'Owens',
  'Harrison', 'Fernandez', 'McDonald', 'Woods', 'Washington', 'Kennedy', 'Wells', 'Vargas', 'Henry', 'Chen',
  'Freeman', 'Webb', 'Tucker', 'Guzman', 'Burns', 'Crawford', 'Olson', 'Simpson', 'Porter', 'Hunter',
  'Gordon', 'Mendez', 'Silva', 'Shaw', 'Snyder', 'Mason', 'Dixon', 'Munoz', 'Hunt', 'Hicks',
  "O'Brien", "O'Connor", 'Holmes', 'Palmer', 'Wagner', 'Black', 'Robertson', 'Boyd', 'Rose', 'Stone',
  'Salazar', 'Fox', 'Warren', 'Mills', 'Meyer', 'Rice', 'Schmidt', 'Garza', 'Daniels', 'Ferguson',
  'Nichols', 'Stephens', 'Soto', 'Weaver', 'Ryan', 'Gardner', 'Payne', 'Grant', 'Dunn', 'Kowalski',
  'Nakamura', 'Tanaka', 'Wang', 'Singh', 'Shah', 'Okafor', 'Mensah', 'Ivanov', 'Novak', 'Haddad',
];

export const STREET_NAMES: readonly string[] = [
  'Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park',
  'Market', 'Broadway', 'Center', 'Church', 'High', 'Front', 'River', 'Spring', 'Union', 'Water',
  'Commerce', 'Mission', 'Ocean', 'Airport', 'Jefferson', 'Lincoln', 'Madison', 'Franklin', 'Grand', 'Harbor',
  'Sunset', 'Highland', 'Meridian', 'Capitol', 'Peachtree', 'Congress', 'Liberty', 'State', 'College', 'Chestnut',
];

export const STREET_SUFFIXES: readonly string[] = ['St', 'Ave', 'Blvd', 'Rd', 'Dr', 'Way', 'Pkwy', 'Ln'];

export const AGENT_NAMES: readonly string[] = [
  'Jordan Ellis', 'Priya Raman', 'Marcus Bell', 'Sofia Alvarez', 'Noah Kim', 'Hannah Okafor', 'Diego Ruiz',
  'Grace Nakamura', 'Omar Haddad', 'Emily Foster', 'Ethan Novak', 'Maya Singh', 'Lucas Moreno', 'Chloe Wagner',
  'Isaac Mensah', 'Ava Castillo', 'Leo Schmidt', 'Zoe Patterson', 'Samuel Ortiz', 'Nina Ivanova',
];

export type Sentiment = 'great' | 'good' | 'mixed' | 'poor' | 'awful';

export function sentimentOf(rating: number): Sentiment {
  return rating >= 5 ? 'great' : rating === 4 ? 'good' : rating === 3 ? 'mixed' : rating === 2 ? 'poor' : 'awful';
}

export const REVIEW_TITLES: Readonly<Record<Sentiment, readonly string[]>> = {
  great: ['Outstanding', 'Would book again', 'Exceeded expectations', 'Perfect trip', 'Loved every minute', 'Five stars, easily'],
  good: ['Very good', 'Great value', 'Pleasant experience', 'Solid choice', 'Nice, with small hiccups', 'Would recommend'],
  mixed: ['Average', 'It was okay', 'Mixed feelings', 'Fine for the price', 'Nothing special', 'Some good, some bad'],
  poor: ['Disappointing', 'Not great', 'Expected more', 'Below average', 'Would not repeat'],
  awful: ['Terrible', 'Avoid', 'Never again', 'Worst experience', 'Complete letdown'],
};

export const REVIEW_SENTENCES: Readonly<Record<'hotel' | 'flight' | 'car', Readonly<Record<Sentiment, readonly string[]>>>> = {
  hotel: {
    great: [
      'The room was spotless and the bed was incredibly comfortable.',
      'Staff at the front desk went out of their way to help us.',
      'Great location, walking distance to everything we wanted to see.',
      'Breakfast had plenty of fresh options every morning.',
      'Check-in took two minutes and our room was ready early.',
      'Quiet at night even though it is right in the middle of town.',
    ],
    good: [
      'Clean room and friendly staff.',
      'The location was convenient for our meetings.',
      'Parking was easy and the lobby was welcoming.',
      'Good value for the area, would stay again.',
      'The pool was nice, although a little crowded on the weekend.',
      'Wi-Fi was fast enough for video calls.',
    ],
    mixed: [
      'The room was fine but smaller than the photos suggest.',
      'Staff were polite, though check-in took a while.',
      'Breakfast was basic.',
      'Some noise from the hallway at night.',
      'Decent for one night, not sure about a longer stay.',
    ],
    poor: [
      'The room smelled musty and the air conditioning was loud.',
      'We waited forty minutes to check in.',
      'Towels were not replaced during our stay.',
      'Parking cost far more than advertised.',
      'The elevator was out of service for two days.',
    ],
    awful: [
      'Our reservation was lost and we were moved to a worse room.',
      'The bathroom was dirty when we arrived.',
      'Nobody at the desk could answer basic questions.',
      'We checked out a day early and will not be back.',
    ],
  },
  flight: {
    great: [
      'Boarding was smooth and we pushed back on time.',
      'The crew were friendly and attentive the whole way.',
      'We landed twenty minutes early.',
      'Seats had decent legroom and the cabin was clean.',
      'Bags came out quickly at the carousel.',
    ],
    good: [
      'On time and uneventful, which is all I want.',
      'Snacks and drinks were offered twice.',
      'The app made check-in easy.',
      'Seat was comfortable enough for a short hop.',
      'A short delay, but the crew kept us informed.',
    ],
    mixed: [
      'A short delay at the gate with little explanation.',
      'The seat was cramped but the flight was short.',
      'Wi-Fi worked only part of the way.',
      'Boarding was a bit chaotic.',
    ],
    poor: [
      'We sat on the tarmac for over an hour.',
      'Overhead bins were full by the time my group boarded.',
      'The seat would not recline and the tray table was broken.',
      'Missed my connection because of the delay.',
    ],
    awful: [
      'Cancelled at the last minute with no rebooking help.',
      'My bag was lost and nobody followed up.',
      'Four hours of delay and no updates from the gate agents.',
    ],
  },
  car: {
    great: [
      'Pickup took five minutes and the car was nearly new.',
      'The car was spotless and had a full tank.',
      'Return was quick and the receipt arrived right away.',
      'Staff upgraded us at no charge.',
    ],
    good: [
      'Car was clean and drove well.',
      'Shuttle to the lot ran frequently.',
      'Fair price for a week of driving.',
      'No surprises on the final bill.',
    ],
    mixed: [
      'The line at the counter was long.',
      'The car had a few scratches we had to document.',
      'Fine car, but the upsell at the counter was pushy.',
      'Not the model we reserved, though similar.',
    ],
    poor: [
      'The car smelled of smoke.',
      'We were charged for fuel even though we returned it full.',
      'Waited an hour for a car that we had reserved.',
      'The tire pressure warning came on the first day.',
    ],
    awful: [
      'No cars available when we arrived despite the reservation.',
      'Charged for damage that was already there.',
      'The car broke down and roadside assistance took hours.',
    ],
  },
};

export const HOTEL_IMAGE_CAPTIONS: readonly string[] = [
  'Exterior', 'Lobby', 'Standard room', 'Deluxe room', 'Suite', 'Pool', 'Restaurant', 'Fitness center', 'View from the top floor', 'Bar',
];

export const CAR_IMAGE_CAPTIONS: readonly string[] = ['Exterior', 'Interior', 'Dashboard', 'Trunk space'];
