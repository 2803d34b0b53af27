// Small behaviours of the console, loaded as a file (the Content-Security-Policy allows no inline script).
document.addEventListener('DOMContentLoaded', () => {
	// the operator's tenant switcher applies on change; its button remains for keyboards and no-JS
	document.querySelectorAll('select[data-autosubmit]').forEach((select) => {
		select.addEventListener('change', () => select.form.requestSubmit());
	});
	// "copy" buttons next to secrets shown once
	document.querySelectorAll('button[data-copy]').forEach((button) => {
		button.addEventListener('click', () => {
			const target = document.getElementById(button.dataset.copy);
			if (target && navigator.clipboard) {
				navigator.clipboard.writeText(target.textContent.trim()).then(() => { button.textContent = 'Copied'; });
			}
		});
	});
});
