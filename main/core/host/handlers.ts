import type { ChannelArgs, ChannelName, ChannelOutput } from '../../../shared/contract';
import type { ServiceContext } from '../ops/context';
import { listAudit } from '../ops/audit/audit';
import { analyticsSummary } from '../ops/analytics/analyticsSummary';
import { createOperator, deactivateOperator, listOperators, setOperatorRole, signIn, signOut, whoAmI } from '../ops/auth/signIn';
import { bookTrip } from '../ops/bookings/bookTrip';
import { cancelBooking, previewCancellation } from '../ops/bookings/cancelBooking';
import { getBooking, searchBookings } from '../ops/bookings/findBookings';
import { holdSeats } from '../ops/holds/holdSeats';
import { listHolds, releaseHold } from '../ops/holds/releaseHold';
import { addPaymentMethod, listPaymentMethods, removePaymentMethod } from '../ops/payments/paymentMethods';
import { searchCars } from '../ops/search/searchCars';
import { getFlight, searchFlights } from '../ops/search/searchFlights';
import { searchHotels } from '../ops/search/searchHotels';
import { listSyncInbox, rehydrate, resolveSyncInbox, syncNow, syncStatus } from '../ops/sync/syncChannels';
import { createCustomer } from '../ops/customers/createCustomer';
import { getCustomer } from '../ops/customers/getCustomer';
import { searchCustomers } from '../ops/customers/searchCustomers';
import { updateCustomer } from '../ops/customers/updateCustomer';
import { listAirports } from '../ops/reference/listAirports';
import { listStates } from '../ops/reference/listStates';
import { listCarAvailabilityDays, setCarAvailabilityDays } from '../ops/inventory/carAvailabilityDays';
import { listHotelInventoryDays, setHotelInventoryDays } from '../ops/inventory/hotelInventoryDays';
import { updateFlightInventory } from '../ops/inventory/updateFlightInventory';
import { addImage } from '../ops/images/addImage';
import { createReview } from '../ops/reviews/createReview';
import { listImages } from '../ops/images/listImages';
import { listReviews } from '../ops/reviews/listReviews';
import { moderateReview } from '../ops/reviews/moderateReview';
import { replyToReview } from '../ops/reviews/replyToReview';
import { listDeals } from '../ops/deals/listDeals';
import { listLogs } from '../ops/logs/listLogs';
import { createWatch } from '../ops/watches/createWatch';
import { deleteWatch, listWatches } from '../ops/watches/listWatches';

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
