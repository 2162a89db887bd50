// HajDesk back office: small progressive enhancements. Every page works without this file.
(function () {
    'use strict';

    // Canned answers: choosing one inserts its text into the answer box (without JavaScript, «درج» posts back).
    document.querySelectorAll('select[data-canned-target]').forEach(function (select) {
        var target = document.getElementById(select.getAttribute('data-canned-target'));
        if (!target) {
            return;
        }

        var form = select.form;
        var button = form ? form.querySelector('[data-canned-insert]') : null;
        if (button) {
            button.hidden = true;
        }

        select.addEventListener('change', function () {
            var option = select.options[select.selectedIndex];
            var text = option ? option.getAttribute('data-text') : null;
            if (text) {
                target.value = target.value.trim().length > 0 ? target.value.replace(/\s+$/, '') + '\n\n' + text : text;
                target.focus();
            }

            select.selectedIndex = 0;
        });
    });

    // Referral: the sub-subject list shows only the sub-subjects of the chosen main subject.
    document.querySelectorAll('select[data-subsubject-select]').forEach(function (main) {
        var sub = document.getElementById(main.getAttribute('data-subsubject-select'));
        if (!sub) {
            return;
        }

        function filter() {
            Array.prototype.forEach.call(sub.options, function (option) {
                var parent = option.getAttribute('data-parent');
                var show = !parent || parent === main.value;
                option.hidden = !show;
                option.disabled = !show;
                if (!show && option.selected) {
                    sub.selectedIndex = 0;
                }
            });
        }

        main.addEventListener('change', filter);
        filter();
    });

    // «اقدام گروهی»: only the chosen action's inputs are shown; «انتخاب همه» ticks every row of the page; a long
    // selection runs in steps of STEP rows, each a normal post of the same form, with the progress shown. Without
    // this script the form posts once and every input is shown.
    var bulkForm = document.getElementById('bulk-form');
    if (bulkForm) {
        var STEP = 100;
        var actionSelect = bulkForm.querySelector('[data-bulk-action]');
        var groups = bulkForm.querySelectorAll('[data-bulk-for]');
        var showChosen = function () {
            Array.prototype.forEach.call(groups, function (group) {
                group.hidden = group.getAttribute('data-bulk-for') !== actionSelect.value;
            });
        };
        actionSelect.addEventListener('change', showChosen);
        showChosen();

        var picks = function () { return bulkForm.querySelectorAll('input.bulk-pick'); };
        var selectAll = bulkForm.querySelector('[data-bulk-select-all]');
        if (selectAll) {
            selectAll.hidden = false;
            selectAll.querySelector('button').addEventListener('click', function () {
                var all = Array.prototype.every.call(picks(), function (box) { return box.checked; });
                Array.prototype.forEach.call(picks(), function (box) { box.checked = !all; });
            });
        }

        var progress = bulkForm.querySelector('[data-bulk-progress]');
        var digits = function (n) { return String(n).replace(/[0-9]/g, function (d) { return '۰۱۲۳۴۵۶۷۸۹'[d]; }); };
        bulkForm.addEventListener('submit', function (event) {
            var chosen = Array.prototype.filter.call(picks(), function (box) { return box.checked; });
            if (chosen.length <= STEP || !window.fetch || !window.DOMParser) {
                return;
            }

            event.preventDefault();
            var button = bulkForm.querySelector('[data-bulk-run]');
            button.disabled = true;
            progress.hidden = false;
            var results = [];
            var done = 0;
            var lastDocument = null;
            var step = function (start) {
                if (start >= chosen.length) {
                    var main = document.querySelector('main');
                    var fresh = lastDocument && lastDocument.querySelector('main');
                    if (main && fresh) {
                        fresh.querySelectorAll('[data-testid="bulk-result"]').forEach(function (section) { section.remove(); });
                        var anchor = fresh.querySelector('h1');
                        results.forEach(function (section) { anchor.insertAdjacentElement('afterend', section); anchor = section; });
                        main.replaceWith(fresh);
                        var first = fresh.querySelector('[data-testid="bulk-result"]');
                        if (first) { first.focus(); }
                    }

                    return;
                }

                var data = new FormData(bulkForm);
                data.delete('Bulk.Selected');
                chosen.slice(start, start + STEP).forEach(function (box) { data.append('Bulk.Selected', box.value); });
                fetch(bulkForm.action, { method: 'POST', body: data, credentials: 'same-origin' })
                    .then(function (response) { return response.text(); })
                    .then(function (html) {
                        lastDocument = new DOMParser().parseFromString(html, 'text/html');
                        lastDocument.querySelectorAll('[data-testid="bulk-result"]').forEach(function (section) { results.push(section); });
                        done = Math.min(chosen.length, start + STEP);
                        progress.textContent = digits(done) + ' از ' + digits(chosen.length) + ' درخواست انجام شد…';
                        step(start + STEP);
                    })
                    .catch(function () {
                        progress.textContent = 'ارتباط قطع شد؛ ' + digits(done) + ' از ' + digits(chosen.length) + ' درخواست انجام شده است. صفحه را تازه کنید و نتیجه را در کارتابل ببینید.';
                        button.disabled = false;
                    });
            };
            progress.textContent = digits(0) + ' از ' + digits(chosen.length) + ' درخواست انجام شد…';
            step(0);
        });
    }
}());
