import type { Slots } from '../client/slots';
import { ReviewForm } from '../features/reviews/ReviewForm';
import { PriceAlerts } from '../features/watches/PriceAlerts';
import { WatchDialog } from '../features/watches/WatchDialog';
import { WatchesList } from '../features/watches/WatchesList';

/** Which feature fills each slot another feature's screen leaves open (see client/slots.ts). */
export const slots: Slots = { WatchDialog, WatchesList, ReviewForm, PriceAlerts };
