import { create } from 'zustand';
import type { CatalogCar, CatalogHotel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';

interface CatalogState {
  hotels: CatalogHotel[] | null;
  cars: CatalogCar[] | null;
  error: unknown;
  loadHotels(q?: string): Promise<void>;
  loadCars(q?: string): Promise<void>;
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
  error: null,
  async loadHotels(q = '') {
    try {
      set({ hotels: await call('catalog.hotels.list', { q, includeInactive: true }), error: null });
    } catch (error) {
      set({ error });
    }
  },
  async loadCars(q = '') {
    try {
      set({ cars: await call('catalog.cars.list', { q, includeInactive: true }), error: null });
    } catch (error) {
      set({ error });
    }
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
