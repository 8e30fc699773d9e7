// The `express4` alias (npm:express@4) has the same surface as the typed `express` for what the tests use.
declare module 'express4' {
  import express from 'express';
  export default express;
}
