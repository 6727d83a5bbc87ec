import { create } from 'zustand';
import type { CatalogCar, CatalogHotel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';

interface CatalogState {
  hotels: CatalogHotel[] | null;
  cars: CatalogCar[] | null;
  /** The last search of each tab: a save reloads the list the supervisor is looking at. */
  hotelsQuery: string;
  carsQuery: string;
  /** "Show off-sale": lists hotels and cars taken off sale too (flights keep their own tick with their search). */
  showInactive: boolean;
  error: unknown;
  loadHotels(q?: string): Promise<void>;
  loadCars(q?: string): Promise<void>;
  setShowInactive(show: boolean): Promise<void>;
  saveHotel(input: ChannelInput<'catalog.hotels.save'>): Promise<CatalogHotel>;
  saveRoomType(input: ChannelInput<'catalog.roomTypes.save'>): Promise<ChannelOutput<'catalog.roomTypes.save'>>;
  saveCar(input: ChannelInput<'catalog.cars.save'>): Promise<CatalogCar>;
  saveFlight(input: ChannelInput<'catalog.flights.save'>): Promise<ChannelOutput<'catalog.flights.save'>>;
}

/** One action for the screen: "Save" again after a network failure reuses the opId, a new input gets a new one. */
const actions = createAction();

export const useCatalog = create<CatalogState>((set, get) => ({
  hotels: null,
  cars: null,
  hotelsQuery: '',
  carsQuery: '',
  showInactive: false,
  error: null,
  async loadHotels(q = get().hotelsQuery) {
    set({ hotelsQuery: q });
    try {
      set({ hotels: await call('catalog.hotels.list', { q, includeInactive: get().showInactive }), error: null });
    } catch (error) {
      set({ error });
    }
  },
  async loadCars(q = get().carsQuery) {
    set({ carsQuery: q });
    try {
      set({ cars: await call('catalog.cars.list', { q, includeInactive: get().showInactive }), error: null });
    } catch (error) {
      set({ error });
    }
  },
  async setShowInactive(showInactive) {
    set({ showInactive });
    await Promise.all([get().hotels ? get().loadHotels() : null, get().cars ? get().loadCars() : null]);
  },
  async saveHotel(input) {
    const hotel = await actions.run('catalog.hotels.save', input);
    await get().loadHotels();
    return hotel;
  },
  async saveRoomType(input) {
    const room = await actions.run('catalog.roomTypes.save', input);
    await get().loadHotels();
    return room;
  },
  async saveCar(input) {
    const car = await actions.run('catalog.cars.save', input);
    await get().loadCars();
    return car;
  },
  saveFlight: (input) => actions.run('catalog.flights.save', input),
}));
