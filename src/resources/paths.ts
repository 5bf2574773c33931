import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Root of the installed project (where `lexicons/`, `models/` and `data/demo/` live). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const LEXICON_DIR = join(PROJECT_ROOT, 'lexicons');
export const MODEL_DIR = join(PROJECT_ROOT, 'models');
export const DEMO_DIR = join(PROJECT_ROOT, 'data', 'demo');
