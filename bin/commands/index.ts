// The bfmap commands. A new command (import-osm, validate, coverage) is one file in this folder
// and one line here.
import type { Command } from './command.ts';
import { searchCommand } from './search.ts';
import { importTableCommand } from './import-table.ts';
import { importOpenSidewalksCommand } from './import-opensidewalks.ts';
import { validateCommand } from './validate.ts';
import { importOsmCommand } from './import-osm.ts';
import { routeCommand } from './route.ts';
import { coverageCommand } from './coverage.ts';
import { userCommand } from './user.ts';

export const COMMANDS: readonly Command[] = [searchCommand, importTableCommand, importOpenSidewalksCommand, validateCommand, routeCommand, importOsmCommand, coverageCommand, userCommand];
