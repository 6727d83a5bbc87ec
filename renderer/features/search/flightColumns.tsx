import type { ColumnDef } from '@tanstack/react-table';
import type { FlightOffer } from '../../../shared/contract';
import { formatCents, formatDuration } from '../../ui/format';
import { formatArrival, formatLocalDateTime } from '../../ui/flightTimes';

export interface FlightColumnsOpts {
  /** Seats a Hold asks for: a flight with fewer left cannot be held. */
  seats: number;
  /** The flight a hold is on its way for (every Hold is disabled meanwhile), or null. */
  holding: number | null;
  onHold?: (flight: FlightOffer) => void;
}

/**
 * The flight results table's columns. No store in here: the search page passes its hold state, and
 * the renderer bench (bench/renderer/main.tsx) mounts the same columns without the app around them.
 */
export function flightColumns({ seats, holding, onHold }: FlightColumnsOpts): ColumnDef<FlightOffer, unknown>[] {
  return [
    { id: 'flight', header: 'Flight', enableSorting: false, cell: ({ row: { original: f } }) => <span><strong>{f.flightNumber}</strong> <span className="muted">{f.airline}</span></span> },
    { id: 'route', header: 'Route', enableSorting: false, cell: ({ row: { original: f } }) => `${f.from} → ${f.to}` },
    // Local at each airport: what the traveller's boarding pass will say.
    { id: 'time', header: 'Departs', accessorFn: (f) => f.departUtc, cell: ({ row: { original: f } }) => formatLocalDateTime(f.departureLocal, f.departureTimeZone) },
    { id: 'arrives', header: 'Arrives', enableSorting: false, cell: ({ row: { original: f } }) => formatArrival(f) },
    { id: 'duration', header: 'Duration', enableSorting: false, cell: ({ row: { original: f } }) => formatDuration(f.departUtc, f.arriveUtc) },
    { id: 'seats', header: 'Seats left', enableSorting: false, cell: ({ row: { original: f } }) => `${f.seatsAvailable} / ${f.seatsTotal}` },
    { id: 'price', header: 'Fare', accessorFn: (f) => f.priceCents, cell: ({ row: { original: f } }) => <span className="num">{formatCents(f.priceCents)}</span> },
    {
      id: 'action', header: () => <span className="sr-only">Action</span>, enableSorting: false,
      cell: ({ row: { original: f } }) => (
        <button type="button" className="btn btn-small btn-primary" disabled={holding !== null || f.seatsAvailable < seats}
          aria-label={`Hold ${seats} seat${seats === 1 ? '' : 's'} on ${f.flightNumber} departing ${formatLocalDateTime(f.departureLocal, f.departureTimeZone)}`}
          onClick={onHold && (() => onHold(f))}>
          {holding === f.id ? 'Holding…' : 'Hold'}
        </button>
      ),
    },
  ];
}
