export { type SqliteDatabase, type SqliteStoreOptions, sqliteStore } from './store/sqlite/sqlite-store.js';
