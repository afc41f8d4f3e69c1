function find(word, text) {
    // ruleid: javascript.non-literal-regexp
    const re = new RegExp('\\b' + word + '\\b', 'i');
    // ruleid: javascript.non-literal-regexp
    const re2 = RegExp(word);
    // ok: javascript.non-literal-regexp
    const fixed = new RegExp('^[a-z]+$', 'i');
    return re.test(text) || re2.test(text) || fixed.test(text);
}
