/** `console: true` on Express 4, whose routing differs (`express` resolves to express@4 here). */
import { vi } from 'vitest';
import { describeConsolePage, expressConsoleHost } from './support/console-page.js';

vi.mock('express', async () => await import('express4'));

describeConsolePage('Express 4', expressConsoleHost);
