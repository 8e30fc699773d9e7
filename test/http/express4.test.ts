/**
 * The same suite on Express 4: `express` resolves to express@4 (the
 * `express4` alias) for this file, for the test's app and for orgkit's router.
 */
import express from 'express';
import { expect, it, vi } from 'vitest';
import { describeHttpScenarios } from './support/scenarios.js';
import { expressTarget } from './support/targets.js';

vi.mock('express', async () => await import('express4'));

it('runs on Express 4 (express.query exists only there)', () => {
  expect(typeof (express as unknown as { query?: unknown }).query).toBe('function');
});

describeHttpScenarios(expressTarget('Express 4'));
