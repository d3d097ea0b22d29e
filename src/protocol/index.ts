export * from './visitor';
export * from './checkin';
export * from './sync';
export * from './enrol';
export * from './trace';
export * from './admin';
