export { type PostgresPool, type PostgresStoreOptions, postgresStore } from './store/postgres/postgres-store.js';
