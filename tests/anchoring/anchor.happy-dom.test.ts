// @vitest-environment happy-dom
import { anchoringSuite } from './suite';

anchoringSuite();
