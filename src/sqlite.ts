export { type SqliteDatabase, type SqliteStoreOptions, sqliteStore } from './stores/sqlite/sqlite-store.js';
