// @vitest-environment jsdom
import { anchoringSuite } from './suite';

anchoringSuite();
