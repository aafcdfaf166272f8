// EventsBlog: progressive enhancements only; every page works without this file.
(function () {
    "use strict";

    // Click-to-load video: nothing is requested from the provider until the visitor plays.
    document.addEventListener("click", function (event) {
        const play = event.target.closest(".embed-facade .embed-play");
        if (!play) {
            return;
        }
        const box = play.closest(".embed-facade");
        const src = new URL(box.dataset.embedSrc);
        if (!/^https:$/.test(src.protocol)) {
            return;
        }
        event.preventDefault();
        src.searchParams.set("autoplay", "1");
        const frame = document.createElement("iframe");
        frame.src = src.toString();
        frame.title = box.dataset.embedTitle || "Video";
        frame.allow = "accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture; fullscreen";
        frame.allowFullscreen = true;
        frame.referrerPolicy = "strict-origin-when-cross-origin";
        box.classList.remove("embed-facade");
        box.replaceChildren(frame);
        frame.focus();
    });

    // Copy-link anchors on headings: copy the section's address, then go there as a plain link would.
    document.addEventListener("click", function (event) {
        const anchor = event.target.closest("a.heading-anchor");
        if (!anchor || !navigator.clipboard) {
            return;
        }
        navigator.clipboard.writeText(anchor.href).then(function () {
            anchor.classList.add("copied");
            anchor.setAttribute("data-copied", "Link copied");
            setTimeout(function () {
                anchor.classList.remove("copied");
                anchor.removeAttribute("data-copied");
            }, 1500);
        }, function () { /* clipboard refused: the link still works */ });
    });
})();
