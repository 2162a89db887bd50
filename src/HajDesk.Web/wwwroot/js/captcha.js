// The security code's «تصویر جدید» button. Without JavaScript it posts the form back (handler=NewCaptcha) and the
// page returns with a new challenge; with JavaScript it asks POST /captcha/new for one and swaps it in place, so
// nothing typed elsewhere in the form is at risk. Any failure falls back to the post-back.
(function () {
    'use strict';
    if (window.hajdeskCaptcha) {
        return; // the partial may be on a page more than once; one listener serves them all
    }
    window.hajdeskCaptcha = true;

    function fallBack(button) {
        button.dataset.captchaFallback = 'true';
        button.disabled = false;
        button.click();
    }

    document.addEventListener('click', function (event) {
        var button = event.target instanceof Element ? event.target.closest('[data-captcha-refresh]') : null;
        if (!button || button.dataset.captchaFallback === 'true' || !window.fetch) {
            return;
        }

        var field = button.closest('[data-captcha]');
        var form = button.form;
        var token = form ? form.querySelector('input[name="__RequestVerificationToken"]') : null;
        if (!field || !token) {
            return;
        }

        event.preventDefault();
        button.disabled = true;
        fetch('/captcha/new', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'X-CSRF-TOKEN': token.value, 'Accept': 'application/json' },
        }).then(function (response) {
            if (!response.ok) {
                throw new Error('HTTP ' + response.status);
            }
            return response.json();
        }).then(function (challenge) {
            var answer = field.querySelector('[data-captcha-answer]');
            var error = field.querySelector('[data-captcha-error]');
            var status = field.querySelector('[data-captcha-status]');
            field.querySelector('[data-captcha-id]').value = challenge.id;
            field.querySelector('[data-captcha-image]').src = challenge.image;
            var audio = field.querySelector('[data-captcha-audio]');
            var audioLink = field.querySelector('[data-captcha-audio-link]');
            if (audio) {
                audio.pause();
                audio.src = challenge.audio;
            }
            if (audioLink) {
                audioLink.href = challenge.audio;
            }
            if (error) {
                // The old message was about the old picture.
                error.remove();
                answer.classList.remove('is-invalid');
                answer.removeAttribute('aria-invalid');
                answer.setAttribute('aria-describedby', (answer.getAttribute('aria-describedby') || '')
                    .split(' ').filter(function (id) { return id && id !== error.id; }).join(' '));
            }
            answer.value = '';
            answer.focus();
            button.disabled = false;
            if (status) {
                status.textContent = 'تصویر جدید کد امنیتی نمایش داده شد.';
            }
        }).catch(function () {
            fallBack(button);
        });
    });
})();
