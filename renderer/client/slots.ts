import { createContext, createElement, useContext, type ComponentType, type ReactNode } from 'react';
import type { Customer, Review, Watch } from '../../shared/contract';

/** What a price watch is on, as the screen it opens from knows it. */
export type WatchDraft =
  | { kind: 'route'; from: string; to: string; dateFrom: string; dateTo: string }
  | { kind: 'hotel'; hotelId: number; name: string; dateFrom: string; dateTo: string; priceHint?: number }
  | { kind: 'car'; carId: number; name: string; dateFrom: string; dateTo: string; priceHint?: number };

export interface WatchDialogProps {
  draft: WatchDraft;
  onClose: () => void;
  /** Who the watch is for; without it the dialog starts from the booking's customer. */
  customer?: Customer;
}

export interface WatchesListProps {
  /** One customer's watches, or everyone's (null). */
  customerId: number | null;
  /** '' for every status. */
  status?: Watch['status'] | '';
}

export interface ReviewFormProps {
  targetKind: Review['targetKind'];
  targetId: number;
  customerId: number;
  onCreated: (r: Review) => void;
}

/** The props of each piece one feature's screen leaves open for another's. */
interface SlotProps {
  WatchDialog: WatchDialogProps;
  WatchesList: WatchesListProps;
  ReviewForm: ReviewFormProps;
  PriceAlerts: object;
}

/**
 * Pieces of one feature shown inside another's screen: "Watch price" on a search result or a
 * customer, a customer's watches and reviews on the profile, price alerts in Needs attention.
 * Features may not import each other, so the app (renderer/app) plugs these in.
 */
export type Slots = { [K in keyof SlotProps]: ComponentType<SlotProps[K]> };

const SlotsContext = createContext<Partial<Slots>>({});

export const SlotsProvider = SlotsContext.Provider;

/**
 * Renders the piece the app plugged in as `name`, or nothing where there is none (a feature's
 * screen tested alone): `<Slot name="WatchDialog" draft={…} onClose={…} />`.
 */
export function Slot<K extends keyof SlotProps>({ name, ...props }: { name: K } & SlotProps[K]): ReactNode {
  // Typed by `name` at the call; inside, one piece stands for any.
  const piece = useContext(SlotsContext)[name] as ComponentType<object> | undefined;
  return piece ? createElement(piece, props) : null;
}
