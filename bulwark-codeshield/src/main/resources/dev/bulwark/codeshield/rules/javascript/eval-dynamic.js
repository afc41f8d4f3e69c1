function run(expr, name) {
    // ruleid: javascript.eval-dynamic
    var v = eval('(' + expr + ')');
    // ruleid: javascript.eval-dynamic
    var f = new Function('return this.' + name);
    // ruleid: javascript.eval-dynamic
    setTimeout("update('" + name + "')", 100);
    // ruleid: javascript.eval-dynamic
    var g = new(Function)(`return ${expr}`);
    // ok: javascript.eval-dynamic
    var data = JSON.parse(expr);
    // ok: javascript.eval-dynamic
    setTimeout(function () { update(name); }, 100);
    // ok: javascript.eval-dynamic
    var h = eval("1 + 2");
    // ok: javascript.eval-dynamic
    var re = /x/.exec(expr);
    return [v, f, g, data, h, re];
}
function alias(obj, name) {
    // ruleid: javascript.eval-dynamic
    obj.eval("console.log('" + name + "');");
}
function optionalCall(prefix, expr) {
    // ruleid: javascript.eval-dynamic
    let r = eval?.(prefix + expr);
    // ok: javascript.eval-dynamic
    let k = eval?.("40 + 2");
    return [r, k];
}
function timers(id, poll) {
    // ruleid: javascript.eval-dynamic
    setInterval(`tick(${id})`, 500);
    // ok: javascript.eval-dynamic
    setInterval(poll, 1000);
    // ok: javascript.eval-dynamic
    setTimeout(() => poll(id), 10);
}
