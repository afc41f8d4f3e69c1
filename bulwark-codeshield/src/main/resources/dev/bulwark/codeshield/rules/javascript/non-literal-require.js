// ok: javascript.non-literal-require
const fs = require('fs');
function load(name, settings) {
    // ruleid: javascript.non-literal-require
    const cmd = require(`./commands/${name}`);
    // ruleid: javascript.non-literal-require
    const auth = require(settings.path.lib('auth'));
    // ok: javascript.non-literal-require
    const path = require("path");
    return [cmd, auth, path];
}
