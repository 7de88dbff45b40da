// @vitest-environment happy-dom
import { anchoringProperties } from './properties';

anchoringProperties();
