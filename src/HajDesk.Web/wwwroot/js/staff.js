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
}());
