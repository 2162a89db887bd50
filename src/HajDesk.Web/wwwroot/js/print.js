// Print buttons: the receipt's «چاپ» link opens the print view without script; with script it prints at once.
(function () {
    'use strict';
    document.querySelectorAll('[data-print]').forEach(function (link) {
        link.addEventListener('click', function (event) {
            event.preventDefault();
            window.print();
        });
    });
    document.querySelectorAll('[data-print-now]').forEach(function (button) {
        button.hidden = false;
        button.addEventListener('click', function () { window.print(); });
    });
})();
