// Puppeteer must never download a browser: this machine (and CI) has no internet apart from
// the npm registry. The browser is found at run time instead (see README, "Browsers").
module.exports = { skipDownload: true };
