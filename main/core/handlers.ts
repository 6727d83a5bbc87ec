import type { ChannelArgs, ChannelName, ChannelOutput } from '../../shared/contract';
import type { ServiceContext } from './services/context';
import { listAudit } from './services/audit';
import { analyticsSummary } from './services/analytics/analyticsSummary';
import { createOperator, deactivateOperator, listOperators, setOperatorRole, signIn, signOut, whoAmI } from './services/auth/signIn';
import { bookTrip } from './services/bookings/bookTrip';
import { cancelBooking, previewCancellation } from './services/bookings/cancelBooking';
import { getBooking, searchBookings } from './services/bookings/findBookings';
import { holdSeats } from './services/holds/holdSeats';
import { listHolds, releaseHold } from './services/holds/releaseHold';
import { addPaymentMethod, listPaymentMethods, removePaymentMethod } from './services/payments/paymentMethods';
import { searchCars } from './services/search/searchCars';
import { getFlight, searchFlights } from './services/search/searchFlights';
import { searchHotels } from './services/search/searchHotels';
import { listSyncInbox, rehydrate, resolveSyncInbox, syncNow, syncStatus } from './services/sync/syncChannels';
import { createCustomer } from './services/customers/createCustomer';
import { getCustomer } from './services/customers/getCustomer';
import { searchCustomers } from './services/customers/searchCustomers';
import { updateCustomer } from './services/customers/updateCustomer';
import { listAirports } from './services/reference/listAirports';
import { listStates } from './services/reference/listStates';
import { listCarAvailabilityDays, setCarAvailabilityDays } from './services/inventory/carAvailabilityDays';
import { listHotelInventoryDays, setHotelInventoryDays } from './services/inventory/hotelInventoryDays';
import { updateFlightInventory } from './services/inventory/updateFlightInventory';
import { addImage } from './services/reviews/addImage';
import { createReview } from './services/reviews/createReview';
import { listImages } from './services/reviews/listImages';
import { listReviews } from './services/reviews/listReviews';
import { moderateReview } from './services/reviews/moderateReview';
import { replyToReview } from './services/reviews/replyToReview';
import { listDeals } from './services/deals/listDeals';
import { listLogs } from './services/logs/listLogs';
import { createWatch } from './services/watches/createWatch';
import { deleteWatch, listWatches } from './services/watches/listWatches';

type Handler<C extends ChannelName> = (ctx: ServiceContext, input: ChannelArgs<C>, sessionToken: string | null) => Promise<ChannelOutput<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

/** The contract's channels, each bound to the use case that serves it. */
export const handlers: Handlers = {
  'auth.login': signIn,
  'auth.logout': signOut,
  'auth.me': whoAmI,
  'operators.list': listOperators,
  'operators.create': createOperator,
  'operators.setRole': setOperatorRole,
  'operators.deactivate': deactivateOperator,
  'customers.create': createCustomer,
  'customers.update': updateCustomer,
  'customers.get': getCustomer,
  'customers.search': searchCustomers,
  'airports.list': listAirports,
  'states.list': listStates,
  'flights.search': searchFlights,
  'flights.get': getFlight,
  'hotels.search': searchHotels,
  'cars.search': searchCars,
  'holds.create': holdSeats,
  'holds.release': releaseHold,
  'holds.list': listHolds,
  'bookings.create': bookTrip,
  'bookings.get': getBooking,
  'bookings.search': searchBookings,
  'bookings.cancelPreview': previewCancellation,
  'bookings.cancel': cancelBooking,
  'paymentMethods.add': addPaymentMethod,
  'paymentMethods.list': listPaymentMethods,
  'paymentMethods.remove': removePaymentMethod,
  'inventory.flights.update': updateFlightInventory,
  'inventory.hotels.days': listHotelInventoryDays,
  'inventory.hotels.setDays': setHotelInventoryDays,
  'inventory.cars.days': listCarAvailabilityDays,
  'inventory.cars.setDays': setCarAvailabilityDays,
  'reviews.create': createReview,
  'reviews.list': listReviews,
  'reviews.reply': replyToReview,
  'reviews.moderate': moderateReview,
  'images.list': listImages,
  'images.add': addImage,
  'audit.list': listAudit,
  'analytics.summary': analyticsSummary,
  'sync.status': syncStatus,
  'sync.now': syncNow,
  'sync.rehydrate': rehydrate,
  'sync.inbox.list': listSyncInbox,
  'sync.inbox.resolve': resolveSyncInbox,
  'deals.list': listDeals,
  'watches.create': createWatch,
  'watches.list': listWatches,
  'watches.delete': deleteWatch,
  'logs.list': listLogs,
};
