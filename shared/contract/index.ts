export * from './errors';
export * from './roles';
export * from './primitives';
export * from './domain';
export * from './sync';
export * from './channels';
