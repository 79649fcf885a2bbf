// Importing an existing deed catalogue: reading CSV and JSON files, checking rows, the events of each deed.
export * from './csv.js';
export * from './deed-import.js';
