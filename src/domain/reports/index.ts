// The reports domain in one import: the shared model, fault codes, validation and filing, the
// transition table, permissions, facility status from reports, staleness and the patrol list.
export * from './model.ts';
export * from './localized.ts';
export * from './dates.ts';
export * from './fault-codes.ts';
export * from './measurements.ts';
export * from './validate-report.ts';
export * from './file-report.ts';
export * from './permissions.ts';
export * from './transitions.ts';
export * from './staleness.ts';
export * from './facility-status.ts';
export * from './patrol.ts';
export * from './export.ts';
export * from './photo-content.ts';
export * from './work-list.ts';
