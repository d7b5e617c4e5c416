import { vi } from 'vitest';
import { corpusSuite } from './corpus-suite.js';

vi.mock('pgtide', () => import('../../src/dsl/index.js'));

corpusSuite(0, 2);
