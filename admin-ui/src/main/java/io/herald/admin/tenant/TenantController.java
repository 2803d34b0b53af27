package io.herald.admin.tenant;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.DuplicateTenantException;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's tenants: the list and the form that creates one, showing its first API
 * key exactly once.
 */
@Controller
class TenantController {

	private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final TenantManagement tenants;

	TenantController(TenantManagement tenants) {
		this.tenants = tenants;
	}

	@GetMapping("/tenants")
	String list(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new TenantForm("", ""));
		}
		List<TenantRow> rows = this.tenants.list().stream().map(TenantController::row).toList();
		model.addAttribute("tenants", rows);
		return "tenants";
	}

	@PostMapping("/tenants")
	String create(@Valid @ModelAttribute("form") TenantForm form, BindingResult errors, ConsoleScope scope, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				CreatedTenant created = this.tenants.create(form.slug().strip(), form.name().strip(), scope.actor());
				redirect.addFlashAttribute("created",
						new CreatedRow(created.tenant().getSlug(), created.tenant().getName(), created.apiKey()));
				return "redirect:/tenants";
			}
			catch (DuplicateTenantException ex) {
				errors.rejectValue("slug", "duplicate", "A tenant with this slug already exists.");
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue("slug", "invalid",
						"Use 1 to 63 lower-case letters, digits and dashes, starting and ending with a letter or digit.");
			}
		}
		model.addAttribute("formOpen", true);
		return list(model);
	}

	private static TenantRow row(Tenant tenant) {
		return new TenantRow(tenant.getSlug(), tenant.getName(), CREATED.format(tenant.getCreatedAt()),
				tenant.isSuspended());
	}

	record TenantForm(
			@NotBlank(message = "Enter a slug.") @Size(max = 63, message = "At most 63 characters.") String slug,
			@NotBlank(message = "Enter a name.") @Size(max = 200, message = "At most 200 characters.") String name) {

	}

	record TenantRow(String slug, String name, String created, boolean suspended) {

	}

	record CreatedRow(String slug, String name, String apiKey) {

	}

}
