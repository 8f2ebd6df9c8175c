// The error of an OSM file that cannot be read at all: its message says which file and where
// (line and column for XML and JSON, blob and byte offset for PBF).
export class OsmReadError extends Error {}
