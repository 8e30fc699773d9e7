export { type PostgresPool, type PostgresStoreOptions, postgresStore } from './stores/postgres/postgres-store.js';
