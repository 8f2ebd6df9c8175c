#!/usr/bin/env node
// The installed `bfmap` command: registers tsx so Node can load the TypeScript CLI, then runs it.
import { register } from 'tsx/esm/api';

register();
await import('./bfmap.ts');
