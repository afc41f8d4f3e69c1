// ruleid: javascript.unchecked-message-origin
window.addEventListener('message', function (e) {
    run(e.data);
});
// ruleid: javascript.unchecked-message-origin
window.onmessage = (event) => {
    run(event.data);
};
// ok: javascript.unchecked-message-origin
window.addEventListener('message', (event) => {
    if (event.origin !== 'https://app.example.com') return;
    run(event.data);
});
// ok: javascript.unchecked-message-origin
window.addEventListener('click', function (e) { run(e.data); });
