function show(el, account, name) {
    // ruleid: javascript.html-injection
    el.innerHTML = '<b>' + name + '</b>';
    // ruleid: javascript.html-injection
    document.write(name);
    // ruleid: javascript.html-injection
    const view = <div dangerouslySetInnerHTML={{ __html: account.description }} />;
    // ok: javascript.html-injection
    el.textContent = name;
    // ok: javascript.html-injection
    el.innerHTML = '';
    return view;
}
