import type { ChannelName } from '../../../shared/contract';
import type { Operation } from '../ops/operation';
import { listAudit } from '../ops/audit/listAudit';
import { analyticsSummary } from '../ops/analytics/analyticsSummary';
import { signIn } from '../ops/auth/signIn';
import { signOut } from '../ops/auth/signOut';
import { whoAmI } from '../ops/auth/whoAmI';
import { signInSecondFactor } from '../ops/auth/signInSecondFactor';
import { changePassword } from '../ops/auth/changePassword';
import { confirmTwoFactor, disableTwoFactor, enrollTwoFactor, twoFactorStatus } from '../ops/auth/twoFactor';
import { listSessions, revokeSession } from '../ops/auth/sessionList';
import { resetPassword } from '../ops/operators/resetPassword';
import { createOperator } from '../ops/operators/createOperator';
import { deactivateOperator } from '../ops/operators/deactivateOperator';
import { listOperators } from '../ops/operators/listOperators';
import { setOperatorRole } from '../ops/operators/setOperatorRole';
import { bookTrip } from '../ops/bookings/bookTrip';
import { cancelBooking } from '../ops/bookings/cancelBooking';
import { previewChange } from '../ops/bookings/previewChange';
import { changeItem } from '../ops/bookings/changeItem';
import { addItems } from '../ops/bookings/addItems';
import { previewCancellation } from '../ops/bookings/previewCancellation';
import { getBooking } from '../ops/bookings/getBooking';
import { searchBookings } from '../ops/bookings/searchBookings';
import { addBookingRemark } from '../ops/bookings/addBookingRemark';
import { bookingHistory } from '../ops/bookings/bookingHistory';
import { addCustomerRemark } from '../ops/customers/addCustomerRemark';
import { listTravellers } from '../ops/customers/listTravellers';
import { removeTraveller } from '../ops/customers/removeTraveller';
import { saveTraveller } from '../ops/customers/saveTraveller';
import { listCustomerRemarks } from '../ops/customers/listCustomerRemarks';
import { holdSeats } from '../ops/holds/holdSeats';
import { listHolds } from '../ops/holds/listHolds';
import { releaseHold } from '../ops/holds/releaseHold';
import { extendHold } from '../ops/holds/extendHold';
import { addPaymentMethod } from '../ops/payments/addPaymentMethod';
import { listPaymentMethods } from '../ops/payments/listPaymentMethods';
import { removePaymentMethod } from '../ops/payments/removePaymentMethod';
import { searchCars } from '../ops/search/searchCars';
import { setRateRules } from '../ops/rates/setRateRules';
import { getFlight } from '../ops/search/getFlight';
import { searchFlights } from '../ops/search/searchFlights';
import { searchHotels } from '../ops/search/searchHotels';
import { resolveSyncInbox } from '../ops/sync/resolveSyncInbox';
import { listSyncInbox, rehydrate, syncNow, syncStatus } from '../ops/sync/syncChannels';
import { createCustomer } from '../ops/customers/createCustomer';
import { getCustomer } from '../ops/customers/getCustomer';
import { searchCustomers } from '../ops/customers/searchCustomers';
import { updateCustomer } from '../ops/customers/updateCustomer';
import { listAirports } from '../ops/reference/listAirports';
import { listStates } from '../ops/reference/listStates';
import { listCarAvailabilityDays } from '../ops/inventory/listCarAvailabilityDays';
import { setCarAvailabilityDays } from '../ops/inventory/setCarAvailabilityDays';
import { listHotelInventoryDays } from '../ops/inventory/listHotelInventoryDays';
import { setHotelInventoryDays } from '../ops/inventory/setHotelInventoryDays';
import { updateFlightInventory } from '../ops/inventory/updateFlightInventory';
import { addImage } from '../ops/images/addImage';
import { createReview } from '../ops/reviews/createReview';
import { listImages } from '../ops/images/listImages';
import { removeImage } from '../ops/images/removeImage';
import { reorderImages } from '../ops/images/reorderImages';
import { getHotel, listHotels } from '../ops/catalog/listHotels';
import { getCar, listCars } from '../ops/catalog/listCars';
import { saveHotel } from '../ops/catalog/saveHotel';
import { saveRoomType } from '../ops/catalog/saveRoomType';
import { saveCar } from '../ops/catalog/saveCar';
import { saveFlight } from '../ops/catalog/saveFlight';
import { listCatalogFlights } from '../ops/catalog/listFlights';
import { listScheduleChanges } from '../ops/catalog/listScheduleChanges';
import { acknowledgeScheduleChange } from '../ops/catalog/acknowledgeScheduleChange';
import { listOverbookings } from '../ops/overbookings/listOverbookings';
import { listMoveOptions } from '../ops/overbookings/listMoveOptions';
import { resolveOverbookings } from '../ops/overbookings/resolveOverbookings';
import { listReviews } from '../ops/reviews/listReviews';
import { moderateReview } from '../ops/reviews/moderateReview';
import { replyToReview } from '../ops/reviews/replyToReview';
import { listDeals } from '../ops/deals/listDeals';
import { listLogs } from '../ops/logs/listLogs';
import { jobsStatus } from '../ops/jobs/jobsStatus';
import { createWatch } from '../ops/watches/createWatch';
import { deleteWatch } from '../ops/watches/deleteWatch';
import { listWatches } from '../ops/watches/listWatches';
import { itineraryDocument } from '../ops/documents/itinerary';
import { invoiceDocument } from '../ops/documents/invoice';
import { searchTrips } from '../ops/trips/searchTrips';
import { sendItinerary } from '../ops/messages/sendItinerary';
import { sendBookingMessage } from '../ops/messages/sendBookingMessage';
import { listMessagesOp } from '../ops/messages/listMessagesOp';
import { retryMessage } from '../ops/messages/retryMessage';
import { discardMessage } from '../ops/messages/discardMessage';
import { mergeCustomers } from '../ops/customers/mergeCustomers';
import { eraseCustomer } from '../ops/customers/eraseCustomer';
import { listRefunds } from '../ops/refunds/listRefunds';
import { decideRefund } from '../ops/refunds/decideRefund';
import { runImport } from '../ops/imports/runImport';
import { runExport } from '../ops/exports/runExport';

/**
 * Every operation of the contract. Each op module binds its use case to its contract row
 * (`operation('<channel>', …)`); this list only gathers them, so adding an operation here is one
 * import and one entry, and the compiler refuses a contract row that has no operation.
 */
export const operations = [
  signIn,
  signOut,
  whoAmI,
  signInSecondFactor,
  changePassword,
  twoFactorStatus,
  enrollTwoFactor,
  confirmTwoFactor,
  disableTwoFactor,
  listSessions,
  revokeSession,
  listOperators,
  createOperator,
  setOperatorRole,
  resetPassword,
  deactivateOperator,
  createCustomer,
  updateCustomer,
  getCustomer,
  searchCustomers,
  listAirports,
  listStates,
  searchFlights,
  getFlight,
  searchHotels,
  searchCars,
  holdSeats,
  releaseHold,
  extendHold,
  listHolds,
  bookTrip,
  addBookingRemark,
  bookingHistory,
  addCustomerRemark,
  listTravellers,
  saveTraveller,
  removeTraveller,
  listCustomerRemarks,
  getBooking,
  searchBookings,
  previewCancellation,
  cancelBooking,
  previewChange,
  changeItem,
  addItems,
  addPaymentMethod,
  listPaymentMethods,
  removePaymentMethod,
  updateFlightInventory,
  listHotelInventoryDays,
  setHotelInventoryDays,
  listCarAvailabilityDays,
  setCarAvailabilityDays,
  setRateRules,
  createReview,
  listReviews,
  replyToReview,
  moderateReview,
  listImages,
  addImage,
  removeImage,
  reorderImages,
  listHotels,
  getHotel,
  saveHotel,
  saveRoomType,
  listCars,
  getCar,
  saveCar,
  saveFlight,
  listCatalogFlights,
  listScheduleChanges,
  acknowledgeScheduleChange,
  listOverbookings,
  listMoveOptions,
  resolveOverbookings,
  listAudit,
  analyticsSummary,
  syncStatus,
  syncNow,
  rehydrate,
  listSyncInbox,
  resolveSyncInbox,
  listDeals,
  createWatch,
  listWatches,
  deleteWatch,
  listLogs,
  jobsStatus,
  itineraryDocument,
  invoiceDocument,
  searchTrips,
  sendItinerary,
  sendBookingMessage,
  listMessagesOp,
  retryMessage,
  discardMessage,
  mergeCustomers,
  eraseCustomer,
  listRefunds,
  decideRefund,
  runImport,
  runExport,
] as const;

type Unserved = Exclude<ChannelName, (typeof operations)[number]['channel']>;
const everyChannelServed: [Unserved] extends [never] ? true : { unserved: Unserved } = true;
void everyChannelServed;

const byChannel = new Map<string, Operation>(operations.map((op) => [op.channel, op as Operation]));

/** The operation behind a channel, for the one generic caller (dispatch). */
export function operationFor(channel: ChannelName): Operation {
  const op = byChannel.get(channel);
  if (!op) throw new Error(`no operation serves ${channel}`);
  return op;
}
