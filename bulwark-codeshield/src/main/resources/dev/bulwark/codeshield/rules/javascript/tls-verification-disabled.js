const https = require('https');
// ruleid: javascript.tls-verification-disabled
const agent = new https.Agent({ rejectUnauthorized: false });
// ruleid: javascript.tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
// ok: javascript.tls-verification-disabled
const good = new https.Agent({ rejectUnauthorized: true });
