function notify(frame, msg) {
    // ruleid: javascript.postmessage-wildcard
    frame.contentWindow.postMessage(msg, '*');
    // ruleid: javascript.postmessage-wildcard
    parent.postMessage({ field: msg.name }, "*");
    // ok: javascript.postmessage-wildcard
    frame.contentWindow.postMessage(msg, 'https://app.example.com');
}
