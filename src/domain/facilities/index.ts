// The facilities domain in one import: the model, the on-disk property table, parsing, grading and filtering.
export * from './model.ts';
export * from './properties.ts';
export * from './parse.ts';
export * from './grading.ts';
export * from './filter.ts';
