// The writer of the kill test (repository.contract.ts): files reports as fast as it can and prints
// each report's id on stdout only after createReport resolved, i.e. after the commit. The test
// kills it with SIGKILL mid-burst and then looks for every printed id.
//
// Usage: node --import tsx server/db/burst-writer.ts '<StorageOptions as JSON>' <districtId>
import { writeSync } from 'node:fs';
import { reportAt, filingOf } from './report-fixtures.ts';
import { openStorage, type StorageOptions } from './storage.ts';

const [optionsJson, districtId] = process.argv.slice(2);
if (optionsJson === undefined || districtId === undefined) {
  console.error("Usage: node --import tsx server/db/burst-writer.ts '<StorageOptions as JSON>' <districtId>");
  process.exit(2);
}

const repository = await openStorage(JSON.parse(optionsJson) as StorageOptions);
// writeSync: the line is in the pipe before the next report starts, so nothing printed is lost with the process.
writeSync(1, 'ready\n');
for (let index = 0; ; index += 1) {
  const report = reportAt(index, { districtId, description: `连续提交第 ${index} 份报告` });
  const { report: stored } = await repository.createReport(report, filingOf(report), `burst-${districtId}-${index}`);
  writeSync(1, `${stored.id}\n`);
}
