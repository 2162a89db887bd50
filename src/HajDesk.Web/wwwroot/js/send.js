// The send-request form, improved when script runs. Everything here is a convenience: the server checks it all
// again, and the form works the same with script off.
(function () {
    'use strict';
    var form = document.getElementById('send-form');
    if (!form) { return; }

    var persianDigits = '۰۱۲۳۴۵۶۷۸۹';
    var arabicDigits = '٠١٢٣٤٥٦٧٨٩';
    function toAscii(text) {
        return (text || '').replace(/[۰-۹٠-٩]/g, function (c) {
            var i = persianDigits.indexOf(c);
            return String(i >= 0 ? i : arabicDigits.indexOf(c));
        }).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g, '').trim();
    }
    function toPersian(text) {
        return String(text).replace(/[0-9]/g, function (d) { return persianDigits[Number(d)]; });
    }
    function byId(id) { return document.getElementById(id); }

    function nationalCodeLooksValid(value) {
        var code = toAscii(value);
        if (!/^\d{8,10}$/.test(code)) { return false; }
        code = ('00' + code).slice(-10);
        if (/^(\d)\1{9}$/.test(code)) { return false; }
        var sum = 0;
        for (var i = 0; i < 9; i++) { sum += Number(code[i]) * (10 - i); }
        var r = sum % 11;
        var check = r < 2 ? r : 11 - r;
        return check === Number(code[9]);
    }

    // --- Province fills the landline area code (پیش شماره), unless the citizen typed one.
    var province = byId('Input_ProvinceId');
    var areaCode = byId('Input_LandlineAreaCode');
    var autoAreaCode = areaCode.value === '' ? null : areaCode.value;
    province.addEventListener('change', function () {
        var option = province.options[province.selectedIndex];
        var code = option ? option.getAttribute('data-area-code') : null;
        if (code && (areaCode.value === '' || areaCode.value === autoAreaCode)) {
            areaCode.value = code;
            autoAreaCode = code;
        }
    });

    // --- Sub-subjects: only the chosen main subject's, and only when it has some.
    var subject = byId('Input_SubjectId');
    var subSubject = byId('Input_SubSubjectId');
    var subGroup = byId('sub-subject-group');
    var groups = Array.prototype.slice.call(subSubject.querySelectorAll('optgroup')).map(function (g) {
        return { parent: g.getAttribute('data-parent'), label: g.label, options: Array.prototype.slice.call(g.children) };
    });
    var attachmentNote = form.querySelector('.attachment-required-note');
    function selectedOption(select) { return select.options[select.selectedIndex] || null; }
    function refreshAttachmentNote() {
        var main = selectedOption(subject);
        var sub = selectedOption(subSubject);
        var required = (sub && sub.getAttribute('data-attachment-required') === 'true') ||
            (main && main.getAttribute('data-attachment-required') === 'true');
        attachmentNote.hidden = !required;
    }
    function refreshSubSubjects() {
        var chosen = subject.value;
        var previous = subSubject.value;
        while (subSubject.options.length > 1) { subSubject.remove(1); }
        subSubject.querySelectorAll('optgroup').forEach(function (g) { g.remove(); });
        var group = groups.filter(function (g) { return g.parent === chosen; })[0];
        if (group) {
            group.options.forEach(function (o) { subSubject.appendChild(o); });
            subSubject.value = group.options.some(function (o) { return o.value === previous; }) ? previous : '';
            subSubject.required = true;
            subGroup.hidden = false;
        } else {
            subSubject.value = '';
            subSubject.required = false;
            subGroup.hidden = true;
        }
        refreshAttachmentNote();
    }
    subject.addEventListener('change', refreshSubSubjects);
    subSubject.addEventListener('change', refreshAttachmentNote);
    refreshSubSubjects();

    // --- The chosen subject's catalogue entry and questions, before the text box (without script: the «راهنما»
    // button draws the same partial). Opening an answer is counted once per form, for the deflection figure.
    var guide = form.querySelector('[data-guide-target]');
    var guideButton = form.querySelector('[data-guide-button]');
    var submissionKey = byId('Input_SubmissionKey');
    if (guideButton) { guideButton.hidden = true; }
    function watchAnswers() {
        guide.querySelectorAll('details[data-question-id]').forEach(function (d) {
            d.addEventListener('toggle', function () {
                if (!d.open || d.getAttribute('data-counted')) { return; }
                d.setAttribute('data-counted', 'true');
                var data = new FormData();
                data.append('questionId', d.getAttribute('data-question-id'));
                data.append('submissionKey', submissionKey ? submissionKey.value : '');
                data.append('__RequestVerificationToken', form.querySelector('input[name="__RequestVerificationToken"]').value);
                if (navigator.sendBeacon) { navigator.sendBeacon('/services/guide?handler=Opened', data); }
            });
        });
    }
    var guideRequest = 0;
    function refreshGuide() {
        var ask = ++guideRequest;
        var query = 'subject=' + encodeURIComponent(subject.value) + '&sub=' + encodeURIComponent(subSubject.value);
        if (!subject.value) { guide.textContent = ''; return; }
        fetch('/services/guide?' + query, { credentials: 'same-origin' }).then(function (response) {
            return response.status === 200 ? response.text() : '';
        }).then(function (html) {
            if (ask !== guideRequest) { return; }
            // The fragment is the server's own partial, every catalogue text in it HTML-encoded.
            guide.innerHTML = html ? '<p class="mb-2">پیش از نوشتن، شاید پاسخ شما در راهنمای این موضوع باشد:</p>' + html : '';
            watchAnswers();
        }).catch(function () { /* the guide is a convenience; the form works without it */ });
    }
    subject.addEventListener('change', refreshGuide);
    subSubject.addEventListener('change', refreshGuide);
    watchAnswers();

    // --- The chosen subject's extra fields («کد کاروان» …), drawn by the server's own partial; what was typed in a
    // field that is still asked is kept.
    var fields = form.querySelector('[data-fields-target]');
    var fieldsRequest = 0;
    function refreshFields() {
        if (!fields) { return; }
        var ask = ++fieldsRequest;
        if (!subject.value) { fields.textContent = ''; return; }
        var query = 'subject=' + encodeURIComponent(subject.value) + '&sub=' + encodeURIComponent(subSubject.value);
        fetch('/requests/fields?' + query, { credentials: 'same-origin' }).then(function (response) {
            return response.status === 200 ? response.text() : '';
        }).then(function (html) {
            if (ask !== fieldsRequest) { return; }
            var typed = {};
            fields.querySelectorAll('input, select').forEach(function (el) { typed[el.name] = el.value; });
            fields.innerHTML = html;
            fields.querySelectorAll('input, select').forEach(function (el) {
                if (typed[el.name]) { el.value = typed[el.name]; }
            });
        }).catch(function () { /* without the fragment, «ارسال» shows the fields with their errors */ });
    }
    subject.addEventListener('change', refreshFields);
    subSubject.addEventListener('change', refreshFields);

    // --- Name, last name and gender from the civil registry as soon as both national code and birth date are valid.
    var day = byId('Input_BirthDay');
    var month = byId('Input_BirthMonth');
    var year = byId('Input_BirthYear');
    var nationalCode = byId('Input_NationalCode');
    var firstName = byId('person-first-name');
    var lastName = byId('person-last-name');
    var gender = byId('person-gender');
    var status = byId('registry-status');
    var token = form.querySelector('input[name="__RequestVerificationToken"]');
    var lastAsked = null;
    var timer = null;

    function showPerson(person, message) {
        firstName.value = person ? person.firstName : '';
        lastName.value = person ? person.lastName : '';
        gender.value = person ? person.gender : '';
        status.textContent = message;
    }
    function identityReady() {
        var y = toAscii(year.value);
        return nationalCodeLooksValid(nationalCode.value) && toAscii(day.value) !== '' && month.value !== '' && /^\d{4}$/.test(y);
    }
    function lookup(force) {
        if (!identityReady()) { return; }
        var key = [toAscii(nationalCode.value), toAscii(day.value), month.value, toAscii(year.value)].join('|');
        if (!force && key === lastAsked) { return; }
        lastAsked = key;
        var data = new FormData();
        data.append('Input.NationalCode', nationalCode.value);
        data.append('Input.BirthDay', day.value);
        data.append('Input.BirthMonth', month.value);
        data.append('Input.BirthYear', year.value);
        // The lookup is allowed only for a form the server issued, identified by its key and token.
        data.append('Input.SubmissionKey', byId('Input_SubmissionKey').value);
        data.append('LookupToken', byId('LookupToken').value);
        status.textContent = 'در حال استعلام از ثبت احوال…';
        fetch(form.getAttribute('data-lookup-url'), {
            method: 'POST',
            body: data,
            headers: { 'X-CSRF-TOKEN': token ? token.value : '' },
            credentials: 'same-origin'
        }).then(function (response) {
            return response.json();
        }).then(function (result) {
            if (result.status === 'found') {
                showPerson(result, 'مشخصات شما در ثبت احوال تأیید شد.');
            } else if (result.status === 'invalid') {
                var messages = Object.keys(result.errors || {}).map(function (k) { return result.errors[k]; });
                showPerson(null, messages.join(' '));
            } else {
                showPerson(null, result.message || '');
            }
        }).catch(function () {
            lastAsked = null;
            showPerson(null, 'استعلام انجام نشد؛ دکمه «استعلام» را بزنید.');
        });
    }
    function scheduleLookup() {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { lookup(false); }, 400);
    }
    [day, year, nationalCode].forEach(function (input) { input.addEventListener('input', scheduleLookup); });
    month.addEventListener('change', scheduleLookup);
    var lookupButton = form.querySelector('button[formaction*="handler=Lookup"]');
    if (lookupButton) {
        lookupButton.addEventListener('click', function (event) {
            if (identityReady()) {
                event.preventDefault();
                lookup(true);
            }
        });
    }

    // --- Characters left in the request text.
    var text = byId('Input_Text');
    var counter = form.querySelector('[data-counter-for="Input_Text"]');
    function refreshCounter() {
        var left = Number(text.getAttribute('maxlength')) - text.value.length;
        counter.textContent = '(' + toPersian(Math.max(left, 0)) + ' نویسه باقی مانده)';
    }
    text.addEventListener('input', refreshCounter);
    refreshCounter();

    // --- Files: early warning for too many or too large files, and a progress bar while they upload.
    var files = byId('Files');
    var progressBox = form.querySelector('.upload-progress');
    var progress = byId('upload-progress');
    var sendButton = byId('send-button');
    window.addEventListener('pageshow', function () { sendButton.disabled = false; });
    form.addEventListener('submit', function (event) {
        var submitter = event.submitter;
        if (submitter && submitter.getAttribute('formaction')) { return; }
        if (submitter && submitter.name === 'handler') { return; }
        if (!files.files || files.files.length === 0 || !window.XMLHttpRequest || !window.FormData) {
            // One send per click: the server would show the first request's receipt anyway, but a second post
            // costs the citizen a wait on a slow line.
            window.setTimeout(function () { sendButton.disabled = true; }, 0);
            return;
        }
        event.preventDefault();
        var data = new FormData(form);
        var request = new XMLHttpRequest();
        request.open('POST', form.getAttribute('action') || window.location.pathname);
        request.upload.addEventListener('progress', function (e) {
            if (e.lengthComputable) {
                var percent = Math.round(e.loaded * 100 / e.total);
                progress.value = percent;
                progress.textContent = toPersian(percent) + '٪';
            }
        });
        request.addEventListener('load', function () {
            if (request.responseURL && request.responseURL.indexOf('/requests/send/receipt') >= 0) {
                window.location.assign(request.responseURL);
                return;
            }
            document.open();
            document.write(request.responseText);
            document.close();
        });
        request.addEventListener('error', function () {
            progressBox.hidden = true;
            sendButton.disabled = false;
            window.alert('ارسال انجام نشد؛ اتصال اینترنت را بررسی کنید و دوباره «ارسال» را بزنید.');
        });
        progressBox.hidden = false;
        sendButton.disabled = true;
        request.send(data);
    });
})();
