// Author preview only: reload this tab when the post it shows changes on disk.
(function () {
    const match = location.pathname.match(/^\/events\/([^/]+)$/);
    const url = "/_preview/changes" + (match ? "?slug=" + match[1] : "");
    const source = new EventSource(url);
    source.addEventListener("reload", function () {
        source.close();
        location.reload();
    });
})();
