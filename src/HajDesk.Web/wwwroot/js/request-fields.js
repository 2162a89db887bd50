// The staff registration form: the chosen subject's extra fields appear as soon as the subject is chosen (without
// script, the «نمایش فیلدهای این موضوع» button draws the same partial). What was typed in a field still asked is kept.
(function () {
    'use strict';
    var target = document.querySelector('[data-fields-target]');
    var subject = document.getElementById('Input_SubjectId');
    var subSubject = document.getElementById('Input_SubSubjectId');
    var button = document.querySelector('[data-fields-button]');
    if (!target || !subject || !subSubject || !window.fetch) { return; }
    if (button) { button.hidden = true; }
    var asked = 0;
    function refresh() {
        var ask = ++asked;
        if (!subject.value) { target.textContent = ''; return; }
        var query = 'subject=' + encodeURIComponent(subject.value) + '&sub=' + encodeURIComponent(subSubject.value);
        fetch('/requests/fields?' + query, { credentials: 'same-origin' }).then(function (response) {
            return response.status === 200 ? response.text() : '';
        }).then(function (html) {
            if (ask !== asked) { return; }
            var typed = {};
            target.querySelectorAll('input, select').forEach(function (el) { typed[el.name] = el.value; });
            target.innerHTML = html;
            target.querySelectorAll('input, select').forEach(function (el) {
                if (typed[el.name]) { el.value = typed[el.name]; }
            });
        }).catch(function () { if (button) { button.hidden = false; } });
    }
    subject.addEventListener('change', refresh);
    subSubject.addEventListener('change', refresh);
})();
