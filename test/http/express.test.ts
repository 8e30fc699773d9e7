import express from 'express';
import { expect, it } from 'vitest';
import { describeHttpScenarios } from './support/scenarios.js';
import { expressTarget } from './support/targets.js';

it('runs on Express 5 (express.query is gone there)', () => {
  expect((express as unknown as { query?: unknown }).query).toBeUndefined();
});

describeHttpScenarios(expressTarget('Express 5'));
