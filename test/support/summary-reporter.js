// Jest reporter that ends the run with one plain 'N passed, N failed' line for CI logs.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests } = results;
    const skipped = numPendingTests ? `, ${numPendingTests} skipped` : '';
    process.stdout.write(`\njest: ${numPassedTests} passed, ${numFailedTests} failed${skipped}\n`);
  }
}
module.exports = SummaryReporter;
