export * from './errors';
export * from './roles';
export * from './primitives';
export * from './domain';
export * from './sync';
export * from './deals';
export * from './reports';
export * from './channels';
