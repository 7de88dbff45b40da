// @vitest-environment jsdom
import { anchoringProperties } from './properties';

anchoringProperties();
