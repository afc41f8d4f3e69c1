// expect: secure
const crypto = require('crypto');

function newResetToken() {
  return crypto.randomBytes(32).toString('hex');
}

function backoff(attempt) {
  return Math.min(30000, 2 ** attempt * 100) + Math.floor(Math.random() * 250);
}
